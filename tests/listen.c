/* listen.c - test tool: tells whether anything connected to a loopback TCP port
 *
 * usage: listen [SECONDS]
 * Binds 127.0.0.1 on an ephemeral port, prints the port number on standard output, then
 * waits up to SECONDS (default 5) for a connection. Exit 0: no connection came (also on
 * SIGTERM: none so far); 1: one did ("connection attempted" on standard error); 2: an error.
 * The hostile-input tests point external entities, DTDs and XIncludes at this port.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The self-pipe: the signal handler writes a byte, so poll() wakes however late it comes. */
static int wake[2] = { -1, -1 };

static void on_term(int sig)
{
	(void)sig;
	int saved = errno;
	ssize_t w = write(wake[1], "", 1);
	(void)w;
	errno = saved;
}

static int fail(const char *what)
{
	fprintf(stderr, "listen: %s: %s\n", what, strerror(errno));
	return 2;
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

int main(int argc, char **argv)
{
	long seconds = 5;
	if (argc > 2) {
		fputs("usage: listen [SECONDS]\n", stderr);
		return 2;
	}
	if (argc == 2) {
		char *end;
		errno = 0;
		seconds = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0' || errno || seconds < 0 || seconds > 86400) {
			fprintf(stderr, "listen: bad number of seconds '%s'\n", argv[1]);
			return 2;
		}
	}

	if (pipe(wake) < 0)
		return fail("pipe");
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0)
		return fail("sigaction");

	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return fail("socket");
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0;
	socklen_t alen = sizeof addr;
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 16) < 0 ||
	    getsockname(fd, (struct sockaddr *)&addr, &alen) < 0) {
		int rc = fail("bind");
		close(fd);
		return rc;
	}
	if (printf("%u\n", (unsigned)ntohs(addr.sin_port)) < 0 || fflush(stdout) != 0) {
		close(fd);
		return fail("stdout");
	}

	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	long limit = seconds * 1000;
	int rc = 0;
	for (;;) {
		long left = limit - elapsed_ms(&start);
		if (left <= 0)
			break;
		struct pollfd p[2] = { { .fd = fd, .events = POLLIN },
				       { .fd = wake[0], .events = POLLIN } };
		int n = poll(p, 2, (int)left);
		if (n < 0) {
			if (errno == EINTR)
				continue; /* the pipe says whether it was SIGTERM */
			rc = fail("poll");
			break;
		}
		if (p[0].revents) {
			/* a pending connection (even one already reset) means someone tried */
			int c = accept(fd, NULL, NULL);
			if (c >= 0)
				close(c);
			fputs("connection attempted\n", stderr);
			rc = 1;
			break;
		}
		if (p[1].revents)
			break; /* SIGTERM or SIGINT: no connection so far */
	}
	close(fd);
	return rc;
}
