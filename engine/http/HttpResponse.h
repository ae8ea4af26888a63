#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace inlet {

struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;  // Content-Length, Date, Connection are added by the server
    QByteArray body;

    static HttpResponse json(int status, const QJsonObject &body);
    static HttpResponse json(int status, const QByteArray &compactJson);
    HttpResponse &withHeader(QByteArray name, QByteArray value);

    static QByteArray reasonPhrase(int status);
};

} // namespace inlet
