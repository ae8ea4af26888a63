#pragma once

#include "http/RequestHandler.h"

#include <QList>
#include <QMutex>

namespace inlet::test {

// The application side for transport tests. Echo answers at once with the
// request as JSON; Hold keeps requests and responders for the test to
// answer later (from any thread, in any order); Drop discards responders.
class TestRequestHandler final : public RequestHandler
{
public:
    enum class Mode { Echo, Hold, Drop };

    struct Held
    {
        HttpRequest request;
        HttpResponder respond;
    };

    void handle(HttpRequest request, HttpResponder respond) override;

    // {"method","path","query","target","headers":{..},"body","bodySize","keepAlive","remote"}
    static HttpResponse echo(const HttpRequest &request);

    Mode mode = Mode::Echo;
    int handled = 0;
    QList<Held> held;
};

} // namespace inlet::test
