// The signature schemes against every case of the shared signature fixtures
// (tests/data/signatures.json), plus the texts users read when a request
// fails: which header, the skew against the tolerance, the signed-string
// recipe, and never a secret or a full expected signature.
#include "support/SignatureFixtures.h"
#include "util/Crypto.h"
#include "verify/Verifier.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using inlet::test::SignatureCase;
using inlet::test::SignatureFixtures;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

VerificationResult run(const QString &scheme, const QStringList &secrets, const Headers &headers,
                       const QByteArray &body, qint64 nowMs, int toleranceS = -1, const QString &header = {})
{
    VerificationSettings s;
    s.scheme = scheme;
    s.secrets = secrets;
    s.toleranceS = toleranceS;
    s.header = header;
    VerificationRequest r;
    r.headers = &headers;
    r.rawBody = body;
    r.nowMs = nowMs;
    return Verifier::verify(s, r);
}

QByteArray headerValue(const Headers &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

QByteArray svixKey(QString secret)
{
    if (secret.startsWith(u"v1,"_s))
        secret = secret.mid(3);
    if (secret.startsWith(u"whsec_"_s))
        secret = secret.mid(6);
    return QByteArray::fromBase64(secret.toLatin1());
}

// The signature a correct sender would compute, with Qt's HMAC rather than
// the OpenSSL one under test: reasons must never contain it.
QByteArray expectedSignature(const QString &scheme, const QString &secret, const Headers &headers,
                             const QByteArray &body)
{
    const QByteArray key = secret.toUtf8();
    auto mac = [](QCryptographicHash::Algorithm a, const QByteArray &k, const QByteArray &m) {
        return QMessageAuthenticationCode::hash(m, k, a);
    };
    if (scheme == u"stripe"_s || scheme == u"workos"_s) {
        const QByteArray header = headerValue(headers, scheme == u"stripe"_s ? "stripe-signature" : "workos-signature");
        const qsizetype start = header.indexOf("t=") + 2;
        qsizetype end = header.indexOf(',', start);
        const QByteArray t = header.mid(start, end < 0 ? -1 : end - start);
        return mac(QCryptographicHash::Sha256, key, t + '.' + body).toHex();
    }
    if (scheme == u"svix"_s) {
        const QByteArray prefix = headerValue(headers, "svix-id").isNull() ? "webhook-" : "svix-";
        const QByteArray m = headerValue(headers, QByteArray(prefix + "id")) + '.' +
                             headerValue(headers, QByteArray(prefix + "timestamp")) + '.' + body;
        return mac(QCryptographicHash::Sha256, svixKey(secret), m).toBase64();
    }
    if (scheme == u"segment"_s)
        return mac(QCryptographicHash::Sha1, key, body).toHex();
    return mac(QCryptographicHash::Sha256, key, body).toBase64();
}

QStringList secretForms(const QString &secret)
{
    QStringList forms{secret};
    for (const QString &prefix : {u"v1,whsec_"_s, u"whsec_"_s}) {
        if (secret.startsWith(prefix))
            forms.append(secret.mid(prefix.size()));
    }
    return forms;
}

} // namespace

class TestVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fixtureBodies_data();
    void fixtureBodies();
    void fixtureCases_data();
    void fixtureCases();
    void credentialCases_data();
    void credentialCases();
    void reasons_data();
    void reasons();
    void rotation_data();
    void rotation();
    void toleranceFromSettings_data();
    void toleranceFromSettings();
    void secondSchemesTakeTheClockInWholeSeconds_data();
    void secondSchemesTakeTheClockInWholeSeconds();
    void configurationProblems_data();
    void configurationProblems();
    void configurableHeader();
    void receivedTextIsSanitized();
    void hmacKeepsKeysAndDigestsApart();

private:
    SignatureFixtures m_fixtures;
    const SignatureCase *fixtureCase(const QString &id) const;
};

void TestVerifier::initTestCase()
{
    QString error;
    m_fixtures = SignatureFixtures::load(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

const SignatureCase *TestVerifier::fixtureCase(const QString &id) const
{
    for (const SignatureCase &c : m_fixtures.cases) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

void TestVerifier::fixtureBodies_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<QByteArray>("sha256");
    for (const auto &b : std::as_const(m_fixtures.bodies))
        QTest::newRow(qPrintable(b.id)) << b.bytes << b.length << b.sha256;
}

void TestVerifier::fixtureBodies()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, length);
    QFETCH(QByteArray, sha256);
    // A wrong byte here (a CRLF conversion, a re-formatted file) would make
    // every signature case below meaningless.
    QCOMPARE(bytes.size(), length);
    QCOMPARE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(), sha256);
}

void TestVerifier::fixtureCases_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QJsonObject>("headers");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<int>("tolerance");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("code");
    for (const SignatureCase &c : std::as_const(m_fixtures.cases)) {
        QTest::newRow(qPrintable(c.provider + u"/"_s + c.id))
            << c.scheme << c.secret << c.body << c.headers << c.verifyAtS * 1000 << c.toleranceS << c.valid
            << c.failureReason;
    }
}

void TestVerifier::fixtureCases()
{
    QFETCH(QString, scheme);
    QFETCH(QString, secret);
    QFETCH(QByteArray, body);
    QFETCH(QJsonObject, headers);
    QFETCH(qint64, nowMs);
    QFETCH(int, tolerance);
    QFETCH(bool, valid);
    QFETCH(QString, code);
    QVERIFY2(!scheme.isEmpty(), "a provider of the fixture has no scheme in Inlet");

    const Headers h = SignatureFixtures::lowerCased(headers);
    const VerificationResult r = run(scheme, {secret}, h, body, nowMs, tolerance);
    if (valid) {
        QVERIFY2(r.status == VerificationResult::Status::Verified, qPrintable(r.code + u": "_s + r.reason));
        return;
    }
    QCOMPARE(r.statusName(), u"failed"_s);
    QCOMPARE(r.code, code);
    QVERIFY(!r.reason.isEmpty());
    for (const QString &form : secretForms(secret))
        QVERIFY2(!r.reason.contains(form), qPrintable(r.reason));
    const QByteArray expected = expectedSignature(scheme, secret, h, body);
    QVERIFY2(!r.reason.contains(QString::fromLatin1(expected)), qPrintable(r.reason));
}

// The unsigned provider credentials of the fixture that map onto Inlet's
// shared_header and bearer schemes. (Write keys of the Segment-compatible
// API are checked by its routes, not by a verification scheme.)
void TestVerifier::credentialCases_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QJsonObject>("headers");
    QTest::addColumn<bool>("valid");
    const QJsonObject creds = m_fixtures.credentialCases;
    for (const QJsonValue &v : creds.value(u"custom_header_providers"_s).toObject().value(u"cases"_s).toArray()) {
        const QJsonObject c = v.toObject();
        const QJsonObject configured = c.value(u"configured"_s).toObject();
        QTest::newRow(qPrintable(c.value(u"id"_s).toString()))
            << u"shared_header"_s << configured.value(u"header"_s).toString().toLower()
            << configured.value(u"value"_s).toString() << c.value(u"headers"_s).toObject()
            << (c.value(u"expect"_s).toString() == u"valid"_s);
    }
    for (const QJsonValue &v : creds.value(u"polytomic_webhook_destination"_s).toObject().value(u"cases"_s).toArray()) {
        const QJsonObject c = v.toObject();
        QTest::newRow(qPrintable(c.value(u"id"_s).toString()))
            << u"bearer"_s << QString() << c.value(u"secret"_s).toString() << c.value(u"headers"_s).toObject()
            << (c.value(u"expect"_s).toString() == u"valid"_s);
    }
}

void TestVerifier::credentialCases()
{
    QFETCH(QString, scheme);
    QFETCH(QString, header);
    QFETCH(QString, secret);
    QFETCH(QJsonObject, headers);
    QFETCH(bool, valid);
    const VerificationResult r =
        run(scheme, {secret}, SignatureFixtures::lowerCased(headers), "{}", 1735689630000, -1, header);
    QCOMPARE(r.status == VerificationResult::Status::Verified, valid);
    if (!valid)
        QVERIFY2(!r.reason.contains(secret), qPrintable(r.reason));
}

void TestVerifier::reasons_data()
{
    // A fixture case, optionally with a different clock, and the texts its
    // reason must contain.
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<qint64>("nowMs"); // 0: the fixture's verify_at
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("texts");

    QTest::newRow("stripe: skew, an hour old")
        << u"stripe-valid"_s << qint64(1735689600 + 3612) * 1000 << u"timestamp_outside_tolerance"_s
        << QStringList{u"timestamp 3,612 s old, tolerance 300 s"_s, u"t=1735689600 in Stripe-Signature"_s};
    QTest::newRow("stripe: recipe and received")
        << u"stripe-wrong-secret"_s << qint64(0) << u"no_matching_signature"_s
        << QStringList{u"HMAC-SHA256(secret, t + \".\" + raw body), hex"_s, u"t=1735689600"_s, u"5,318 body bytes"_s,
                       u"v1=\"41d49392...\""_s, u"tried 1 secret"_s};
    QTest::newRow("stripe: missing") << u"stripe-missing-header"_s << qint64(0) << u"missing_header"_s
                                     << QStringList{u"header Stripe-Signature is missing"_s};
    QTest::newRow("stripe: no timestamp") << u"stripe-malformed-no-timestamp"_s << qint64(0) << u"malformed_header"_s
                                          << QStringList{u"no numeric timestamp t=<unix seconds>"_s};
    QTest::newRow("stripe: garbage") << u"stripe-malformed-garbage"_s << qint64(0) << u"malformed_header"_s
                                     << QStringList{u"(got \"garbage\")"_s};
    QTest::newRow("stripe: space before v1")
        << u"stripe-space-after-comma"_s << qint64(0) << u"no_signatures_with_expected_scheme"_s
        << QStringList{u"keys found: \"t\", \" v1\""_s, u"without spaces"_s};
    QTest::newRow("svix: recipe") << u"clerk-wrong-secret"_s << qint64(0) << u"no_matching_signature"_s
                                  << QStringList{u"HMAC-SHA256(base64-decode(secret without whsec_), id + \".\" + "
                                                 "timestamp + \".\" + raw body), base64"_s,
                                                 u"id=\"msg_2mYhVw0Y3kZq8Q4nT7cL1xR5pJa\""_s, u"timestamp=1735689600"_s,
                                                 u"946 body bytes"_s, u"v1,\"Orn5bUeb...\""_s};
    QTest::newRow("svix: other versions")
        << u"clerk-only-v2-label"_s << qint64(0) << u"no_matching_signature"_s
        << QStringList{u"got no v1 entry (other versions ignored: \"v2\") in svix-signature"_s};
    QTest::newRow("svix: too old") << u"clerk-stale"_s << qint64(0) << u"timestamp_too_old"_s
                                   << QStringList{u"timestamp 301 s old, tolerance 300 s"_s};
    QTest::newRow("svix: too new") << u"clerk-too-new"_s << qint64(0) << u"timestamp_too_new"_s
                                   << QStringList{u"timestamp 301 s in the future, tolerance 300 s"_s};
    QTest::newRow("svix: milliseconds") << u"clerk-milliseconds-timestamp"_s << qint64(0) << u"timestamp_too_new"_s
                                        << QStringList{u"looks like milliseconds"_s};
    QTest::newRow("svix: one missing") << u"clerk-missing-timestamp"_s << qint64(0) << u"missing_header"_s
                                       << QStringList{u"header svix-timestamp is missing"_s};
    QTest::newRow("svix: not a number") << u"clerk-nonnumeric-timestamp"_s << qint64(0) << u"malformed_header"_s
                                        << QStringList{u"svix-timestamp must be unix seconds, got \"hello\""_s};
    QTest::newRow("standard webhooks: recipe names the headers")
        << u"supabase-hook-wrong-secret"_s << qint64(0) << u"no_matching_signature"_s
        << QStringList{u"in webhook-signature"_s};
    QTest::newRow("workos: skew") << u"workos-stale"_s << qint64(0) << u"timestamp_outside_tolerance"_s
                                  << QStringList{u"timestamp 181 s old, tolerance 180 s"_s};
    QTest::newRow("workos: skew in ms") << u"workos-valid"_s << qint64(1735689600000 + 182500)
                                        << u"timestamp_outside_tolerance"_s
                                        << QStringList{u"timestamp 182.500 s old, tolerance 180 s"_s};
    QTest::newRow("workos: seconds") << u"workos-seconds-timestamp"_s << qint64(0) << u"timestamp_outside_tolerance"_s
                                     << QStringList{u"t looks like seconds, WorkOS sends milliseconds"_s};
    QTest::newRow("workos: recipe") << u"workos-wrong-secret"_s << qint64(0) << u"no_matching_signature"_s
                                    << QStringList{u"HMAC-SHA256(secret, t + \".\" + raw body), hex"_s,
                                                   u"t=1735689600000 (milliseconds)"_s, u"v1=\"bcede6dd...\""_s};
    QTest::newRow("workos: empty v1") << u"workos-malformed-empty-v1"_s << qint64(0) << u"malformed_header"_s
                                      << QStringList{u"has no v1= signature"_s};
    QTest::newRow("segment: recipe") << u"segment-wrong-secret"_s << qint64(0) << u"signature_mismatch"_s
                                     << QStringList{u"HMAC-SHA1(secret, raw body), hex"_s, u"729 body bytes"_s,
                                                    u"\"fbde6ed5...\" (40 characters) in X-Signature"_s};
    QTest::newRow("segment: sha256") << u"segment-sha256-instead-of-sha1"_s << qint64(0) << u"signature_mismatch"_s
                                     << QStringList{u"look like SHA-256"_s};
    QTest::newRow("segment: missing") << u"segment-missing-header"_s << qint64(0) << u"missing_header"_s
                                      << QStringList{u"header X-Signature is missing"_s};
    QTest::newRow("census: recipe") << u"census-hex-instead-of-base64"_s << qint64(0) << u"signature_mismatch"_s
                                    << QStringList{u"HMAC-SHA256(secret, raw body), base64"_s,
                                                   u"looks like hex, this scheme expects base64"_s};
}

void TestVerifier::reasons()
{
    QFETCH(QString, caseId);
    QFETCH(qint64, nowMs);
    QFETCH(QString, code);
    QFETCH(QStringList, texts);
    const SignatureCase *c = fixtureCase(caseId);
    QVERIFY2(c, qPrintable(caseId));
    const VerificationResult r = run(c->scheme, {c->secret}, SignatureFixtures::lowerCased(c->headers), c->body,
                                     nowMs ? nowMs : c->verifyAtS * 1000, c->toleranceS);
    QCOMPARE(r.code, code);
    for (const QString &t : texts)
        QVERIFY2(r.reason.contains(t), qPrintable(u"'%1' not in: %2"_s.arg(t, r.reason)));
    for (const QString &form : secretForms(c->secret))
        QVERIFY2(!r.reason.contains(form), qPrintable(r.reason));
}

void TestVerifier::rotation_data()
{
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<bool>("valid");
    struct Row
    {
        const char *id;
        QString wrong;
    };
    const QList<Row> rows = {{"stripe-valid", u"whsec_old0000000000000000000000000"_s},
                             {"clerk-valid", u"whsec_b2xkLXNlY3JldC1yb3RhdGVkLWF3YXk="_s},
                             {"supabase-hook-valid", u"v1,whsec_b2xkLXNlY3JldC1yb3RhdGVkLWF3YXk="_s},
                             {"workos-valid", u"old-workos-secret"_s},
                             {"segment-valid", u"old_shared_secret"_s},
                             {"census-valid", u"census_old"_s}};
    for (const Row &row : rows) {
        const SignatureCase *c = fixtureCase(QString::fromLatin1(row.id));
        QVERIFY(c);
        QTest::addRow("%s: old, new", row.id) << c->id << QStringList{row.wrong, c->secret} << true;
        QTest::addRow("%s: new, old", row.id) << c->id << QStringList{c->secret, row.wrong} << true;
        QTest::addRow("%s: old only", row.id) << c->id << QStringList{row.wrong} << false;
    }
}

void TestVerifier::rotation()
{
    QFETCH(QString, caseId);
    QFETCH(QStringList, secrets);
    QFETCH(bool, valid);
    const SignatureCase *c = fixtureCase(caseId);
    const VerificationResult r =
        run(c->scheme, secrets, SignatureFixtures::lowerCased(c->headers), c->body, c->verifyAtS * 1000, c->toleranceS);
    QCOMPARE(r.status == VerificationResult::Status::Verified, valid);
    if (!valid)
        QVERIFY2(r.reason.contains(u"tried 1 secret"_s), qPrintable(r.reason));
}

void TestVerifier::toleranceFromSettings_data()
{
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<qint64>("nowS");
    QTest::addColumn<int>("tolerance");
    QTest::addColumn<bool>("valid");
    // -1 is "the scheme's default" (VerificationSettings::effectiveTolerance).
    QTest::newRow("stripe default 300, 301 s") << u"stripe-valid"_s << qint64(1735689901) << -1 << false;
    QTest::newRow("stripe default 300, 300 s") << u"stripe-valid"_s << qint64(1735689900) << -1 << true;
    QTest::newRow("stripe 600, 301 s") << u"stripe-valid"_s << qint64(1735689901) << 600 << true;
    QTest::newRow("stripe 0 disables, a day") << u"stripe-valid"_s << qint64(1735776000) << 0 << true;
    QTest::newRow("svix 60, 61 s") << u"clerk-valid"_s << qint64(1735689661) << 60 << false;
    QTest::newRow("svix 60, 60 s ahead") << u"clerk-valid"_s << qint64(1735689540) << 60 << true;
    QTest::newRow("svix 60, 61 s ahead") << u"clerk-valid"_s << qint64(1735689539) << 60 << false;
    QTest::newRow("workos default 180, 180 s") << u"workos-valid"_s << qint64(1735689780) << -1 << true;
    QTest::newRow("workos default 180, 181 s ahead") << u"workos-valid"_s << qint64(1735689419) << -1 << false;
    QTest::newRow("workos 600, 500 s") << u"workos-valid"_s << qint64(1735690100) << 600 << true;
}

void TestVerifier::toleranceFromSettings()
{
    QFETCH(QString, caseId);
    QFETCH(qint64, nowS);
    QFETCH(int, tolerance);
    QFETCH(bool, valid);
    const SignatureCase *c = fixtureCase(caseId);
    const VerificationResult r =
        run(c->scheme, {c->secret}, SignatureFixtures::lowerCased(c->headers), c->body, nowS * 1000, tolerance);
    QVERIFY2((r.status == VerificationResult::Status::Verified) == valid, qPrintable(r.reason));
}

void TestVerifier::secondSchemesTakeTheClockInWholeSeconds_data()
{
    QTest::addColumn<QString>("caseId");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<int>("tolerance");
    QTest::addColumn<QString>("reason"); // empty: verified
    // stripe-node, svix and standardwebhooks floor the clock to seconds: a
    // request 300.999 s old is inside a 300 s tolerance for them, and a
    // skew is reported in whole seconds.
    QTest::newRow("stripe 300.999 s") << u"stripe-valid"_s << qint64(1735689900999) << -1 << QString();
    QTest::newRow("stripe 301.5 s") << u"stripe-valid"_s << qint64(1735689901500) << -1
                                    << u"timestamp 301 s old, tolerance 300 s"_s;
    QTest::newRow("svix 60.999 s") << u"clerk-valid"_s << qint64(1735689660999) << 60 << QString();
    QTest::newRow("svix 60.5 s ahead") << u"clerk-valid"_s << qint64(1735689539500) << 60
                                       << u"timestamp 61 s in the future, tolerance 60 s"_s;
}

void TestVerifier::secondSchemesTakeTheClockInWholeSeconds()
{
    QFETCH(QString, caseId);
    QFETCH(qint64, nowMs);
    QFETCH(int, tolerance);
    QFETCH(QString, reason);
    const SignatureCase *c = fixtureCase(caseId);
    const VerificationResult r =
        run(c->scheme, {c->secret}, SignatureFixtures::lowerCased(c->headers), c->body, nowMs, tolerance);
    QCOMPARE(r.status == VerificationResult::Status::Verified, reason.isEmpty());
    QVERIFY2(r.reason.startsWith(reason), qPrintable(r.reason));
}

void TestVerifier::configurationProblems_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("code");
    QTest::newRow("no secret") << u"stripe"_s << QStringList{} << u"no_secret"_s;
    QTest::newRow("svix secret not base64") << u"svix"_s << QStringList{u"whsec_not*base64!"_s} << u"invalid_secret"_s;
    QTest::newRow("unknown scheme") << u"hmac_md5"_s << QStringList{u"x"_s} << u"unsupported_scheme"_s;
}

void TestVerifier::configurationProblems()
{
    QFETCH(QString, scheme);
    QFETCH(QStringList, secrets);
    QFETCH(QString, code);
    const SignatureCase *c = fixtureCase(u"clerk-valid"_s);
    const VerificationResult r =
        run(scheme, secrets, SignatureFixtures::lowerCased(c->headers), c->body, c->verifyAtS * 1000);
    QCOMPARE(r.code, code);
    for (const QString &s : secrets)
        QVERIFY2(!r.reason.contains(s), qPrintable(r.reason));
}

void TestVerifier::configurableHeader()
{
    // Shopify's name for the same recipe as Census's X-Signature.
    const SignatureCase *c = fixtureCase(u"census-valid"_s);
    const QByteArray signature = c->headers.value(u"X-Signature"_s).toString().toLatin1();
    const Headers shopify = {{"x-shopify-hmac-sha256", signature}};
    const qint64 now = c->verifyAtS * 1000;
    QVERIFY(run(u"hmac_sha256_base64"_s, {c->secret}, shopify, c->body, now, -1, u"x-shopify-hmac-sha256"_s).status ==
            VerificationResult::Status::Verified);
    const VerificationResult missing = run(u"hmac_sha256_base64"_s, {c->secret}, shopify, c->body, now);
    QCOMPARE(missing.code, u"missing_header"_s);
    QVERIFY2(missing.reason.contains(u"header x-signature is missing"_s), qPrintable(missing.reason));
}

void TestVerifier::receivedTextIsSanitized()
{
    // Reasons land in log lines and tables: what the sender wrote must not
    // bring control characters into them.
    const Headers h = {{"stripe-signature", "t=12\n\x01\xc3\xa9,v9=\r\n"}};
    const VerificationResult r = run(u"stripe"_s, {u"whsec_x"_s}, h, "{}", 1735689630000);
    QCOMPARE(r.code, u"malformed_header"_s);
    for (const QChar c : r.reason)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() <= 0x7e, qPrintable(r.reason));
    QVERIFY2(r.reason.contains(u"(got \"t=12????,v9=??\")"_s), qPrintable(r.reason));
}

// Each thread keeps keyed HMAC contexts for its last few secrets: keys and
// digests used in turn, more of them than it keeps, must each give their own
// MAC (Qt's implementation is the reference).
void TestVerifier::hmacKeepsKeysAndDigestsApart()
{
    const QList<QByteArray> keys = {QByteArray(),         "k", "whsec_one", "whsec_two", QByteArray(100, 'x'),
                                    QByteArray(100, 'y'), "k2"};
    const QList<QByteArray> messages = {QByteArray(), "a", QByteArray(5000, 'm')};
    for (int round = 0; round < 3; ++round) {
        for (const QByteArray &key : keys) {
            for (const QByteArray &message : messages) {
                QCOMPARE(crypto::hmacSha256(key, message),
                         QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256));
                QCOMPARE(crypto::hmacSha1(key, message),
                         QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha1));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestVerifier)
#include "test_verifier.moc"
