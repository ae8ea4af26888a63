#include "TestRequestHandler.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

void TestRequestHandler::handle(HttpRequest request, HttpResponder respond)
{
    ++handled;
    switch (mode) {
    case Mode::Echo:
        respond(echo(request));
        break;
    case Mode::Hold:
        held.append({std::move(request), std::move(respond)});
        break;
    case Mode::Drop:
        break;
    }
}

HttpResponse TestRequestHandler::echo(const HttpRequest &request)
{
    QJsonObject headers;
    for (const auto &[name, value] : request.headers)
        headers.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    return HttpResponse::json(200, QJsonObject{
                                       {u"method"_s, QString::fromLatin1(request.method)},
                                       {u"path"_s, QString::fromUtf8(request.path)},
                                       {u"query"_s, QString::fromLatin1(request.query)},
                                       {u"target"_s, QString::fromLatin1(request.target)},
                                       {u"headers"_s, headers},
                                       {u"body"_s, QString::fromLatin1(request.body)},
                                       {u"bodySize"_s, request.body.size()},
                                       {u"keepAlive"_s, request.keepAlive},
                                       {u"remote"_s, request.remoteAddress},
                                   });
}

} // namespace inlet::test
