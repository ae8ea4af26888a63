#include "models/sources/ScriptTest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// "Test script" of the settings form: the script as typed against a stored event.
class TestScriptTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inputIsWhatTheEngineGives();
    void outputAsJson();
    void errorsCarryTheLine();
};

namespace {

EventRecord sampleEvent()
{
    EventRecord e;
    e.id = u"evt_1"_s;
    e.body = R"({"type":"invoice.paid","amount":2000})";
    e.headers = QJsonObject{{u"x-sig"_s, u"abc"_s}};
    e.query = QJsonObject{{u"a"_s, u"1"_s}};
    return e;
}

} // namespace

void TestScriptTest::inputIsWhatTheEngineGives()
{
    const ScriptInput in = ScriptTest::inputOf(sampleEvent(), QJsonObject{{u"k"_s, u"v"_s}});
    QCOMPARE(in.body.toObject().value(u"amount"_s).toInt(), 2000);
    QCOMPARE(in.rawBody, sampleEvent().body);
    QCOMPARE(in.headers.value(u"x-sig"_s).toString(), u"abc"_s);
    QCOMPARE(in.query.value(u"a"_s).toString(), u"1"_s);
    QCOMPARE(in.vars.value(u"k"_s).toString(), u"v"_s);
    EventRecord gz = sampleEvent();
    gz.rawBody = "\x1f\x8b...";
    QCOMPARE(ScriptTest::inputOf(gz, {}).rawBody, gz.rawBody);
}

void TestScriptTest::outputAsJson()
{
    const ScriptResult r = ScriptTest::run(
        u"function main(ctx) {\n  return { t: ctx.body.type, v: ctx.vars.k, h: ctx.headers['x-sig'], q: ctx.query.a, "
        u"n: ctx.rawBody.length };\n}"_s,
        QJsonObject{{u"k"_s, u"v"_s}}, sampleEvent());
    QVERIFY2(r.ok, qPrintable(r.error));
    const QJsonObject out = QJsonDocument::fromJson(ScriptTest::describe(r).toUtf8()).object();
    QCOMPARE(out, (QJsonObject{{u"t"_s, u"invoice.paid"_s},
                               {u"v"_s, u"v"_s},
                               {u"h"_s, u"abc"_s},
                               {u"q"_s, u"1"_s},
                               {u"n"_s, int(sampleEvent().body.size())}}));
}

void TestScriptTest::errorsCarryTheLine()
{
    const ScriptResult runtime =
        ScriptTest::run(u"function main(ctx) {\n  var x = 1;\n  return ctx.nope.deeper;\n}"_s, {}, sampleEvent());
    QVERIFY(!runtime.ok);
    QVERIFY2(ScriptTest::describe(runtime).startsWith(u"line 3"_s), qPrintable(ScriptTest::describe(runtime)));
    const ScriptResult syntax = ScriptTest::run(u"function main(ctx) {\n  return {;\n}"_s, {}, sampleEvent());
    QVERIFY(!syntax.ok);
    QVERIFY2(ScriptTest::describe(syntax).contains(u"line 2"_s), qPrintable(ScriptTest::describe(syntax)));
}

QTEST_MAIN(TestScriptTest)
#include "test_script_test.moc"
