/* Every public header compiles on its own, in C and with -Wall -Wextra. */
#include "stacklint/stacklint.h"

int main(void)
{
	return sl_version()[0] ? 0 : 1;
}
