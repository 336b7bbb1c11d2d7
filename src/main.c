/* stacklint: a fast, exact linter for AWS CloudFormation and SAM templates. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return sl_cli_main(argc, argv);
}
