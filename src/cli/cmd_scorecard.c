/* raa scorecard and raa report (issue #6). */
#include "cli/cli.h"

int cmd_scorecard(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa scorecard is not built yet (issue #6)");
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa report is not built yet (issue #6)");
}
