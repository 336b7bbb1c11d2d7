/* Bounded whole-file reads (readfile.h). */
#include "util/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stacklint/stacklint.h"

int sl_read_fd(int fd, size_t max, size_t hint, char **out, size_t *len)
{
	if (max > SL_MAX_INPUT_SIZE)
		max = SL_MAX_INPUT_SIZE;
	size_t limit = max < (size_t)-2 ? max + 1 : max; /* read one byte past the limit */
	/* hint bytes, the probe for the end of the file, and the NUL: a file of the
	 * size its fstat gave is read without a realloc */
	size_t cap = hint && hint < limit ? hint + 2 : (limit < 65536 ? limit + 1 : 65536), n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return -1;
	while (n < limit) {
		if (n + 1 >= cap) {
			size_t want = cap > (limit + 1) / 2 ? limit + 1 : cap * 2;
			char *p = realloc(buf, want);
			if (!p) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = p;
			cap = want;
		}
		size_t room = cap - 1 - n;
		if (room > limit - n)
			room = limit - n;
		ssize_t r = read(fd, buf + n, room);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int sl_read_regular(const char *path, size_t max, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (max > SL_MAX_INPUT_SIZE)
		max = SL_MAX_INPUT_SIZE;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int rc;
	if (fstat(fd, &st) < 0) {
		rc = -1;
	} else if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		rc = -1;
	} else if ((size_t)st.st_size > max) {
		*len = (size_t)st.st_size;
		rc = 1;
	} else {
		rc = sl_read_fd(fd, max, (size_t)st.st_size, out, len);
	}
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int sl_open_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static bool stdin_closed;

int sl_std_fds_guard(void)
{
	int mask = 0;
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		mask |= 1 << fd;
		/* open() returns the lowest free number: this one, as the lower
		 * ones are open by now */
		int got = open("/dev/null", O_RDONLY);
		if (got >= 0 && got != fd)
			close(got);
	}
	stdin_closed = mask & 1;
	return mask;
}

bool sl_stdin_was_closed(void)
{
	return stdin_closed;
}
