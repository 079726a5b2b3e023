/* raa panel: placeholder until its module lands. */
#include "cli/cli.h"

int cmd_panel(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc, (void)argv;
	return cli_usage("raa panel is not built yet");
}
