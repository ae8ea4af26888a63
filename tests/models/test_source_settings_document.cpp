#include "models/sources/SourceSettingsDocument.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

class TestSourceSettingsDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFieldRedoUndoRedo_data();
    void everyFieldRedoUndoRedo();
    void typingMergesIntoOneStep();
    void scriptVarsRoundTrip();
    void keptSecretVarHasNoValue();
    void editedIsWhatSaveWrites();
};

static SourceConfig config()
{
    SourceConfig sc;
    sc.source = u"billing"_s;
    sc.env = u"demo"_s;
    sc.token = u"tok_demo_billing_0001"_s;
    sc.settings.verification.scheme = u"stripe"_s;
    sc.settings.verification.secrets = {u"whsec_old"_s};
    sc.settings.eventTypePath = u"body.type"_s;
    sc.settings.scriptVars = QJsonObject{{u"region"_s, u"eu"_s}, {u"api_key"_s, u"k_123"_s}};
    sc.settings.secretScriptVars = {u"api_key"_s};
    return sc;
}

void TestSourceSettingsDocument::everyFieldRedoUndoRedo_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QVariant>("value");
    using D = SourceSettingsDocument;
    QTest::newRow("token") << int(D::Token) << QVariant(u"tok_new_0000000000000001"_s);
    QTest::newRow("scheme") << int(D::Scheme) << QVariant(u"svix"_s);
    QTest::newRow("header") << int(D::Header) << QVariant(u"x-sig"_s);
    QTest::newRow("secrets") << int(D::Secrets) << QVariant(QStringList{u"whsec_old"_s, u"whsec_new"_s});
    QTest::newRow("tolerance") << int(D::Tolerance) << QVariant(60);
    QTest::newRow("enforce") << int(D::Enforce) << QVariant(true);
    QTest::newRow("event type path") << int(D::EventTypePath) << QVariant(u"body.kind"_s);
    QTest::newRow("timestamp path") << int(D::TimestampPath) << QVariant(u"body.created"_s);
    QTest::newRow("idempotency path") << int(D::IdempotencyPath) << QVariant(u"body.id"_s);
    QTest::newRow("window") << int(D::Window) << QVariant(qint64(3600));
    QTest::newRow("script") << int(D::Script) << QVariant(u"function main(ctx) { return {}; }"_s);
    QTest::newRow("vars") << int(D::Vars)
                          << QVariant(
                                 QJsonArray{QJsonObject{{u"name"_s, u"x"_s}, {u"value"_s, 1}, {u"secret"_s, false}}});
}

void TestSourceSettingsDocument::everyFieldRedoUndoRedo()
{
    QFETCH(int, field);
    QFETCH(QVariant, value);
    const auto f = SourceSettingsDocument::Field(field);
    SourceSettingsDocument doc;
    doc.load(config());
    const QVariant before = doc.value(f);
    QVERIFY(before != value);
    QSignalSpy changed(&doc, &SourceSettingsDocument::changed);
    doc.set(f, value);
    QCOMPARE(doc.value(f), value);
    QCOMPARE(changed.size(), 1);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.value(f), before);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.value(f), value);
    doc.undoStack()->undo();
    doc.undoStack()->redo();
    QCOMPARE(doc.value(f), value);
    QCOMPARE(changed.size(), 5);
    // Setting the same value again is no step.
    doc.set(f, value);
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestSourceSettingsDocument::typingMergesIntoOneStep()
{
    SourceSettingsDocument doc;
    doc.load(config());
    for (const QString &typed : {u"b"_s, u"bo"_s, u"bod"_s, u"body"_s, u"body.kind"_s})
        doc.set(SourceSettingsDocument::EventTypePath, typed);
    doc.set(SourceSettingsDocument::Enforce, true);
    doc.set(SourceSettingsDocument::EventTypePath, u"body.kind2"_s);
    QCOMPARE(doc.undoStack()->count(), 3);
    doc.undoStack()->undo();
    QCOMPARE(doc.value(SourceSettingsDocument::EventTypePath).toString(), u"body.kind"_s);
    doc.undoStack()->undo();
    QCOMPARE(doc.value(SourceSettingsDocument::Enforce).toBool(), false);
    doc.undoStack()->undo();
    QCOMPARE(doc.value(SourceSettingsDocument::EventTypePath).toString(), u"body.type"_s);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.value(SourceSettingsDocument::EventTypePath).toString(), u"body.kind"_s);
    // Typed back to where it was: the step disappears.
    doc.undoStack()->undo();
    doc.set(SourceSettingsDocument::Script, u"x"_s);
    doc.set(SourceSettingsDocument::Script, QString());
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestSourceSettingsDocument::scriptVarsRoundTrip()
{
    SourceSettingsDocument doc;
    doc.load(config());
    const QJsonArray vars = doc.value(SourceSettingsDocument::Vars).toJsonArray();
    QCOMPARE(vars.size(), 2);
    QCOMPARE(vars.at(0).toObject().value(u"name"_s).toString(), u"api_key"_s); // sorted
    QCOMPARE(vars.at(0).toObject().value(u"secret"_s).toBool(), true);
    QCOMPARE(vars.at(0).toObject().value(u"value"_s).toString(), u"k_123"_s);
    QJsonArray edited = vars;
    edited.append(QJsonObject{{u"name"_s, u"limit"_s}, {u"value"_s, 5}, {u"secret"_s, false}});
    edited.append(QJsonObject{{u"name"_s, u"token"_s}, {u"value"_s, u"t"_s}, {u"secret"_s, true}});
    doc.set(SourceSettingsDocument::Vars, edited);
    const SourceSettings s = doc.edited().settings;
    QCOMPARE(s.scriptVars.value(u"limit"_s).toInt(), 5);
    QCOMPARE(s.secretScriptVars, (QStringList{u"api_key"_s, u"token"_s}));
    QVERIFY(s.scriptVarsToKeep.isEmpty());
    doc.undoStack()->undo();
    QCOMPARE(doc.edited().settings.scriptVars.size(), 2);
    doc.undoStack()->redo();
    QCOMPARE(doc.edited().settings.scriptVars.size(), 4);
}

// A secret var the configuration names without its value (exported
// without secrets): listed as stored, and kept by ConfigRepository::apply.
void TestSourceSettingsDocument::keptSecretVarHasNoValue()
{
    SourceConfig sc = config();
    sc.settings.scriptVars.remove(u"api_key"_s);
    SourceSettingsDocument doc;
    doc.load(sc);
    const QJsonObject v = doc.value(SourceSettingsDocument::Vars).toJsonArray().at(0).toObject();
    QCOMPARE(v.value(u"name"_s).toString(), u"api_key"_s);
    QVERIFY(!v.contains(u"value"_s));
    QVERIFY(v.value(u"stored"_s).toBool());
    doc.set(SourceSettingsDocument::Script, u"function main(ctx) { return {}; }"_s);
    QCOMPARE(doc.edited().settings.scriptVarsToKeep, QStringList{u"api_key"_s});
    QCOMPARE(doc.edited().settings.secretScriptVars, QStringList{u"api_key"_s});
}

void TestSourceSettingsDocument::editedIsWhatSaveWrites()
{
    SourceSettingsDocument doc;
    doc.load(config());
    doc.set(SourceSettingsDocument::Header, u"  X-Signature "_s);
    doc.set(SourceSettingsDocument::TimestampPath, u" body.created "_s);
    doc.set(SourceSettingsDocument::Secrets, QStringList{u"a"_s, QString()});
    const SourceConfig sc = doc.edited();
    QCOMPARE(sc.settings.verification.header, u"x-signature"_s);
    QCOMPARE(sc.settings.timestampPath, u"body.created"_s);
    QCOMPARE(sc.settings.verification.secrets, QStringList{u"a"_s});
    QVERIFY(sc.settings.verification.secretsGiven); // a removed secret is removed
    QCOMPARE(sc.token, u"tok_demo_billing_0001"_s);
}

QTEST_MAIN(TestSourceSettingsDocument)
#include "test_source_settings_document.moc"
