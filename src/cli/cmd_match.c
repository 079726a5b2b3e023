/* raa match (issue #5). */
#include "cli/cli.h"

int cmd_match(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa match is not built yet (issue #5)");
}
