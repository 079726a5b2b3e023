/*
 * cli: the command-line adapter (DESIGN.md "Command-line contract").
 * Parses arguments, opens the store, calls one service, prints the result.
 * Exit 0 success, 1 user error (one line naming the problem), 2 usage.
 */
#ifndef RAA_CLI_CLI_H
#define RAA_CLI_CLI_H

int cli_main(int argc, char **argv);

#endif
