#include "service/migration.h"

#include <string.h>

const char *const MIGRATION_COLUMNS[MIG_FILES][24] = {
	[MIG_CHILDREN] = { "child_id", "partner", "la_child_id", "first_name", "last_name", "sex",
			   "dob", "ethnicity", "sibling_group", "disability", "health",
			   "development", "behaviour", "contact", "birth_postcode_district",
			   "entered_care", "should_be_placed", "placement_order", "status", NULL },
	[MIG_ADOPTERS] = { "adopter_id", "partner", "name", "applicants", "postcode_district",
			   "enquiry", "stage1_start", "stage2_start", "approved", "min_age_months",
			   "max_age_months", "max_children", "disability", "health", "development",
			   "behaviour", "contact", "early_permanence", "ethnicity", "status", NULL },
	[MIG_EVENTS] = { "record", "kind", "date", "adopter", "detail", NULL },
};

const struct migration_date_column CHILD_DATE_COLUMNS[3] = {
	{ "entered_care", EV_ENTERED_CARE },
	{ "should_be_placed", EV_SHOULD_BE_PLACED },
	{ "placement_order", EV_PLACEMENT_ORDER },
};

const struct migration_date_column ADOPTER_DATE_COLUMNS[4] = {
	{ "enquiry", EV_ENQUIRY },
	{ "stage1_start", EV_ROI },
	{ "stage2_start", EV_STAGE2_NOTICE },
	{ "approved", EV_APPROVED },
};

static const char *const FILE_NAMES[MIG_FILES] = { "children", "adopters", "events" };

size_t migration_ncolumns(enum migration_file f)
{
	size_t n = 0;
	while (MIGRATION_COLUMNS[f][n])
		n++;
	return n;
}

const char *migration_file_name(enum migration_file f)
{
	return FILE_NAMES[f];
}

int migration_file_parse(const char *s)
{
	for (int i = 0; i < MIG_FILES; i++)
		if (strcmp(s, FILE_NAMES[i]) == 0)
			return i;
	return -1;
}
