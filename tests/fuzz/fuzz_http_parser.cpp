// libFuzzer target: the HTTP/1.1 request parser over an arbitrary byte
// stream, fed in pieces whose size the first input byte chooses (requests
// split across reads are the common case on a real socket). Small limits make
// every limit path reachable; the invariants below are what HttpConnection
// relies on.
#include "http/HttpRequestParser.h"

#include <cstdint>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    inlet::HttpServerLimits limits;
    limits.maxBodyBytes = 4096;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaderCount = 16;
    limits.maxUrlBytes = 512;
    const qsizetype piece = qsizetype(data[0] % 64) + 1;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    const qsizetype total = qsizetype(size - 1);

    inlet::HttpRequestParser parser(limits);
    parser.setRemoteAddress(u"127.0.0.1:1"_s);
    qsizetype pos = 0;
    qsizetype end = 0;
    while (pos < total) {
        if (pos == end)
            end = qMin(total, end + piece);
        const qsizetype used = parser.feed(bytes + pos, end - pos);
        check(used >= 0 && used <= end - pos);
        pos += used;
        if (const int status = parser.errorStatus()) {
            check(status == 400 || status == 413 || status == 414 || status == 431 || status == 501 || status == 505);
            check(parser.feed(bytes + pos, total - pos) == 0); // unusable from now on
            break;
        }
        parser.takeExpectContinue();
        if (parser.hasRequest()) {
            const inlet::HttpRequest request = parser.takeRequest();
            check(request.body.size() <= limits.maxBodyBytes);
            check(request.headers.size() <= limits.maxHeaderCount);
            check(request.target.size() <= limits.maxUrlBytes);
            check(!request.method.isEmpty());
            check(request.header("content-length").isNull() || request.header("transfer-encoding").isNull());
            (void)request.header("host");
            if (!request.keepAlive)
                break; // HttpConnection reads nothing after such a request
        } else if (used == 0) {
            std::abort(); // no progress, no request, no error: HttpConnection would spin
        }
    }
    return 0;
}
