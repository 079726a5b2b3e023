/* raa link: placeholder until its module lands. */
#include "cli/cli.h"

int cmd_link(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa link is not built yet");
}
