/* quarterly_pdf: placeholder until the cairo renderer lands. */
#include "report/quarterly.h"

int quarterly_pdf(const struct quarterly *r, raa_day generated, struct buf *out,
		  struct raa_err *err)
{
	(void)r, (void)generated, (void)out;
	raa_err_set(err, RAA_EINVAL, "PDF reports are not built yet");
	return -1;
}
