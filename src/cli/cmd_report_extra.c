/* raa report monthly|asglb: placeholder until its module lands. */
#include "cli/cli.h"

int cmd_report_monthly(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa report monthly is not built yet");
}

int cmd_report_asglb(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa report asglb is not built yet");
}
