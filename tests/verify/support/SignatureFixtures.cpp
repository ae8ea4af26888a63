#include "SignatureFixtures.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

QString SignatureFixtures::schemeFor(const QString &provider)
{
    if (provider == u"stripe"_s)
        return u"stripe"_s;
    if (provider == u"svix_clerk"_s || provider == u"supabase_auth_hook"_s)
        return u"svix"_s;
    if (provider == u"workos"_s)
        return u"workos"_s;
    if (provider == u"segment_webhook"_s)
        return u"segment"_s;
    if (provider == u"census_lifecycle"_s)
        return u"hmac_sha256_base64"_s;
    return {};
}

QList<QPair<QByteArray, QByteArray>> SignatureFixtures::lowerCased(const QJsonObject &headers)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (auto it = headers.begin(); it != headers.end(); ++it)
        out.append({it.key().toLower().toLatin1(), it.value().toString().toUtf8()});
    return out;
}

SignatureFixtures SignatureFixtures::load(QString *error)
{
    SignatureFixtures f;
    const QString dir = QStringLiteral(INLET_TEST_DATA_DIR);
    QFile file(dir + u"/signatures.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read "_s + file.fileName();
        return f;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QHash<QString, QByteArray> bodyBytes;
    const QJsonObject bodies = root.value(u"bodies"_s).toObject();
    for (auto it = bodies.begin(); it != bodies.end(); ++it) {
        const QJsonObject b = it.value().toObject();
        FixtureBody body;
        body.id = it.key();
        if (b.contains(u"file"_s)) {
            QFile payload(dir + u"/"_s + b.value(u"file"_s).toString());
            if (!payload.open(QIODevice::ReadOnly)) {
                *error = u"cannot read "_s + payload.fileName();
                return f;
            }
            body.bytes = payload.readAll();
        } else {
            body.bytes = b.value(u"inline"_s).toString().toUtf8();
        }
        body.length = b.value(u"length"_s).toInteger();
        body.sha256 = b.value(u"sha256"_s).toString().toLatin1();
        bodyBytes.insert(body.id, body.bytes);
        f.bodies.append(body);
    }
    const QJsonObject providers = root.value(u"providers"_s).toObject();
    for (auto p = providers.begin(); p != providers.end(); ++p) {
        for (const QJsonValue &v : p.value().toObject().value(u"cases"_s).toArray()) {
            const QJsonObject c = v.toObject();
            SignatureCase sc;
            sc.provider = p.key();
            sc.id = c.value(u"id"_s).toString();
            sc.scheme = schemeFor(sc.provider);
            sc.secret = c.value(u"secret"_s).toString();
            if (!bodyBytes.contains(c.value(u"body"_s).toString())) {
                *error = u"case %1: unknown body %2"_s.arg(sc.id, c.value(u"body"_s).toString());
                return f;
            }
            sc.body = bodyBytes.value(c.value(u"body"_s).toString());
            sc.headers = c.value(u"headers"_s).toObject();
            sc.verifyAtS = c.value(u"verify_at"_s).toInteger();
            sc.toleranceS = c.value(u"tolerance_seconds"_s).isNull() ? -1 : c.value(u"tolerance_seconds"_s).toInt();
            sc.valid = c.value(u"expect"_s).toString() == u"valid"_s;
            sc.failureReason = c.value(u"failure_reason"_s).toString();
            f.cases.append(sc);
        }
    }
    f.credentialCases = root.value(u"credential_cases"_s).toObject();
    if (f.cases.isEmpty())
        *error = u"no cases in "_s + file.fileName();
    return f;
}

} // namespace inlet::test
