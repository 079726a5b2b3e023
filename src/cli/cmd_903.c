/* raa 903 (issue #4). */
#include "cli/cli.h"

int cmd_903(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa 903 is not built yet (issue #4)");
}
