#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace inlet::test {

// One case of tests/data/signatures.json (a byte-exact copy of the shared
// fixtures), ready to hand to the Verifier.
struct SignatureCase
{
    QString provider;
    QString id;
    QString scheme; // Inlet's scheme for the provider
    QString secret;
    QByteArray body;
    QJsonObject headers; // as in the fixture (mixed-case names)
    qint64 verifyAtS = 0;
    int toleranceS = -1; // -1: null in the fixture (no timestamp in the scheme)
    bool valid = false;
    QString failureReason;
};

struct FixtureBody
{
    QString id;
    QByteArray bytes;
    qint64 length = 0; // from the fixture
    QByteArray sha256; // hex, from the fixture
};

class SignatureFixtures final
{
public:
    // Loads and parses the fixture; on a problem, `error` says what.
    static SignatureFixtures load(QString *error);

    QList<SignatureCase> cases;
    QList<FixtureBody> bodies;
    QJsonObject credentialCases;

    static QString schemeFor(const QString &provider);
    // Request headers as the HTTP layer stores them: lower-case names.
    static QList<QPair<QByteArray, QByteArray>> lowerCased(const QJsonObject &headers);
};

} // namespace inlet::test
