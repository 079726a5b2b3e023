#include "service/settings.h"

#include <stdio.h>

int settings_load_clocks(struct store *s, struct clock_settings *out, struct raa_err *err)
{
	clock_settings_default(out);
	for (int k = 0; k < CLOCK_COUNT; k++) {
		char key[64], value[64];
		snprintf(key, sizeof key, "clock.%s", clock_kind_name(k));
		int rc = store_setting_get(s, key, value, sizeof value, err);
		if (rc == RAA_ENOTFOUND)
			continue;
		if (rc < 0)
			return rc;
		if (clock_duration_parse(value, &out->dur[k], err) < 0) {
			char why[RAA_ERR_MSG_MAX];
			snprintf(why, sizeof why, "%s", err->msg);
			return raa_err_set(err, RAA_EINVAL, "setting %s: %s", key, why);
		}
	}
	raa_err_clear(err);
	return 0;
}

static int add_closure(void *ctx, raa_day d, const char *name)
{
	(void)name;
	workcal_add_closure(ctx, d);
	return 0;
}

struct workcal *settings_load_workcal(struct store *s, struct raa_err *err)
{
	struct workcal *cal = workcal_new();
	if (store_closure_list(s, add_closure, cal, err) < 0) {
		workcal_free(cal);
		return NULL;
	}
	return cal;
}
