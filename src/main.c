/* raa: command-line entry. Parses global options and hands the sub-command
 * to the cli module. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
