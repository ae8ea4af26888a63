#pragma once

#include "http/HttpRequest.h"

#include <QJsonObject>
#include <QSet>

namespace inlet {

// Headers as paths see them: lower-case names; repeated headers joined with
// ", " as HTTP allows.
QJsonObject headersObject(const HttpRequest &request);

// Replaces the values of secret-bearing headers with "[redacted]" before an
// event is logged: Authorization, cookies, the usual secret headers and the
// source configuration's own secret header.
QJsonObject redactHeaders(QJsonObject headers, const QString &configuredSecretHeader);

// Decoded query parameters (first value of each name).
QJsonObject queryObject(const QByteArray &rawQuery);

} // namespace inlet
