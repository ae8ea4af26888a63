// Preprocess scripts (SPEC 6): main(ctx) sees vars, body, rawBody, headers
// and query; returns an object; helpers; errors and time-outs are reported;
// no file or network access.
#include "script/ScriptRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::ScriptInput;
using inlet::ScriptRunner;

class TestScriptRunner : public QObject
{
    Q_OBJECT

private:
    static ScriptInput input()
    {
        ScriptInput in;
        in.vars = {{u"prefix"_s, u"ev"_s}};
        in.rawBody = R"({"schema":"auth","table":"users","type":"INSERT","record":{"id":7}})";
        in.body = QJsonDocument::fromJson(in.rawBody).object();
        in.headers = {{u"x-sig"_s, u"abc"_s}};
        in.query = {{u"kind"_s, u"k"_s}};
        return in;
    }

private Q_SLOTS:
    void seesContextAndReturnsObject()
    {
        ScriptRunner runner(uR"(function main(ctx) {
            return { event_type: ctx.body.schema + "." + ctx.body.table + ":" + ctx.body.type,
                     prefix: ctx.vars.prefix, sig: ctx.headers["x-sig"], kind: ctx.query.kind,
                     raw_length: ctx.rawBody.length, id: ctx.body.record.id, skipped: undefined };
        })"_s);
        QVERIFY2(runner.compileError().isEmpty(), qPrintable(runner.compileError()));
        const auto r = runner.run(input());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.output.value(u"event_type"_s).toString(), u"auth.users:INSERT"_s);
        QCOMPARE(r.output.value(u"prefix"_s).toString(), u"ev"_s);
        QCOMPARE(r.output.value(u"sig"_s).toString(), u"abc"_s);
        QCOMPARE(r.output.value(u"kind"_s).toString(), u"k"_s);
        QCOMPARE(r.output.value(u"raw_length"_s).toInt(), int(input().rawBody.size()));
        QCOMPARE(r.output.value(u"id"_s).toInt(), 7);
        QVERIFY(!r.output.contains(u"skipped"_s));
    }

    void helpersComputeSignatures()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        ScriptRunner runner(uR"(function main(ctx) {
            var msg = "The quick brown fox jumps over the lazy dog";
            return { hex: inlet.hmacSha256Hex("key", msg), sha1: inlet.hmacSha1Hex("key", msg),
                     same: inlet.timingSafeEqual("a", "a"), differ: inlet.timingSafeEqual("a", "b"),
                     b64: inlet.base64Encode("hi"), back: inlet.base64Decode("aGk=") };
        })"_s);
        const auto r = runner.run(input());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.output.value(u"hex"_s).toString(),
                 u"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"_s);
        QCOMPARE(r.output.value(u"sha1"_s).toString(), u"de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"_s);
        QCOMPARE(r.output.value(u"same"_s).toBool(), true);
        QCOMPARE(r.output.value(u"differ"_s).toBool(), false);
        QCOMPARE(r.output.value(u"b64"_s).toString(), u"aGk="_s);
        QCOMPARE(r.output.value(u"back"_s).toString(), u"hi"_s);
    }

    void failures_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("timedOut");
        QTest::newRow("syntax") << u"function main(ctx) { return {; }"_s << u"SyntaxError"_s << false;
        QTest::newRow("no main") << u"var x = 1;"_s << u"function main(ctx)"_s << false;
        QTest::newRow("throws") << u"function main(ctx) { throw new Error('bad sig'); }"_s << u"bad sig"_s << false;
        QTest::newRow("returns string") << u"function main(ctx) { return 'x'; }"_s << u"must return an object"_s
                                        << false;
        QTest::newRow("returns nothing") << u"function main(ctx) { }"_s << u"undefined"_s << false;
        QTest::newRow("endless loop") << u"function main(ctx) { while (true) {} }"_s << u"longer than"_s << true;
        QTest::newRow("no network") << u"function main(ctx) { return new XMLHttpRequest(); }"_s << u"XMLHttpRequest"_s
                                    << false;
        QTest::newRow("no files") << u"function main(ctx) { return require('fs'); }"_s << u"require"_s << false;
    }
    void failures()
    {
        QFETCH(QString, source);
        QFETCH(QString, error);
        QFETCH(bool, timedOut);
        ScriptRunner runner(source);
        const auto r = runner.run(input(), 100);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
        QCOMPARE(r.timedOut, timedOut);
    }

    void runnerRecoversAfterTimeout()
    {
        ScriptRunner runner(u"function main(ctx) { if (ctx.vars.loop) { while (true) {} } return {ok: true}; }"_s);
        ScriptInput looping = input();
        looping.vars = {{u"loop"_s, true}};
        QVERIFY(runner.run(looping, 50).timedOut);
        const auto r = runner.run(input(), 100);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.output.value(u"ok"_s).toBool(), true);
    }

    void perThreadCacheReusesRunners()
    {
        const QString src = u"function main(ctx) { return {n: 1}; }"_s;
        QCOMPARE(&ScriptRunner::forScript(src), &ScriptRunner::forScript(src));
        QVERIFY(&ScriptRunner::forScript(src) != &ScriptRunner::forScript(src + u" "_s));
    }
};

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "test_script_runner.moc"
