#include "mapping/JsonSpan.h"
#include "mapping/PathExpression.h"
#include "mapping/ValueSpec.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// JsonSpan finds a value's text in the sender's document: what it finds must
// parse to exactly what the path evaluates to on Qt's parse of the document,
// or it must give up.
class TestJsonSpan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsNestedMembersAndElements_data();
    void findsNestedMembersAndElements();
    void givesUpWhereItCannotTell_data();
    void givesUpWhereItCannotTell();
    void compactKeepsStringsAsWritten();
    void wholeCompactDocumentIsShared();
    void agreesWithThePathOnEveryFixture();
    void valueSpecGivesBodyPathsOnly();
};

namespace {

std::vector<PathSegment> segmentsOf(const QString &path)
{
    const PathExpression e = PathExpression::compile(path);
    if (!e.isValid())
        qFatal("bad test path %s", qPrintable(path));
    return e.segments();
}

QByteArray found(const QByteArray &doc, const QString &path)
{
    const auto span = JsonSpan::find(doc, segmentsOf(path));
    return span ? JsonSpan::compact(doc, *span) : QByteArray("<none>");
}

} // namespace

void TestJsonSpan::findsNestedMembersAndElements_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray pretty =
        "{\n  \"id\": \"evt_1\",\n  \"data\": {\n    \"object\": {\n      \"amount\": 1.50,\n"
        "      \"lines\": [ {\"a\": 1}, {\"a\": [2, 3]} ],\n      \"note\": \"x y\"\n    }\n  },\n"
        "  \"type\": \"invoice.paid\"\n}\n";
    QTest::newRow("whole body") << pretty << u"body"_s
                                << QByteArray(
                                       "{\"id\":\"evt_1\",\"data\":{\"object\":{\"amount\":1.50,\"lines\":[{\"a\":1},"
                                       "{\"a\":[2,3]}],\"note\":\"x y\"}},\"type\":\"invoice.paid\"}");
    QTest::newRow("nested object, sender's order and number text")
        << pretty << u"body.data.object"_s
        << QByteArray("{\"amount\":1.50,\"lines\":[{\"a\":1},{\"a\":[2,3]}],\"note\":\"x y\"}");
    QTest::newRow("array") << pretty << u"body.data.object.lines"_s << QByteArray("[{\"a\":1},{\"a\":[2,3]}]");
    QTest::newRow("element") << pretty << u"body.data.object.lines[1].a"_s << QByteArray("[2,3]");
    QTest::newRow("scalar member") << pretty << u"body.type"_s << QByteArray("\"invoice.paid\"");
    QTest::newRow("number at the end of an object")
        << QByteArray("{\"a\":{\"b\":12}}") << u"body.a.b"_s << QByteArray("12");
    QTest::newRow("last duplicate wins, as in Qt")
        << QByteArray("{\"a\": {\"v\": 1}, \"b\": 0, \"a\": {\"v\": 2}}") << u"body.a"_s << QByteArray("{\"v\":2}");
    QTest::newRow("quoted key with a dot") << QByteArray("{\"a.b\": [1]}") << u"body[\"a.b\"]"_s << QByteArray("[1]");
    QTest::newRow("braces and quotes inside strings") << QByteArray("{\"s\": \"}{][\\\"\", \"t\": {\"u\": \"\\\\\"}}")
                                                      << u"body.t"_s << QByteArray("{\"u\":\"\\\\\"}");
    QTest::newRow("escaped key elsewhere in the object is skipped")
        << QByteArray("{\"a\": 1, \"t\": {\"k\\u0041\": 2}}") << u"body.t"_s << QByteArray("{\"k\\u0041\":2}");
    QTest::newRow("non-ASCII key and value") << QByteArray("{\"caf\xc3\xa9\": {\"n\": \"\xc3\xa9t\xc3\xa9\"}}")
                                             << u"body.café"_s << QByteArray("{\"n\":\"\xc3\xa9t\xc3\xa9\"}");
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"a\": [ 1 ]}") << u"body.a"_s << QByteArray("[1]");
    QTest::newRow("top-level array") << QByteArray("[ {\"a\": 1}, {\"b\": {\"c\": true}} ]") << u"body[1].b"_s
                                     << QByteArray("{\"c\":true}");
}

void TestJsonSpan::findsNestedMembersAndElements()
{
    QFETCH(QByteArray, doc);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    QCOMPARE(found(doc, path), expected);
}

void TestJsonSpan::givesUpWhereItCannotTell_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QString>("path");

    QTest::newRow("missing member") << QByteArray("{\"a\": {}}") << u"body.b"_s;
    QTest::newRow("member of an empty object") << QByteArray("{\"a\": {}}") << u"body.a.b"_s;
    QTest::newRow("index past the end") << QByteArray("{\"a\": [1, 2]}") << u"body.a[2]"_s;
    QTest::newRow("key of a scalar") << QByteArray("{\"a\": 1}") << u"body.a.b"_s;
    QTest::newRow("index of an object") << QByteArray("{\"a\": {\"0\": 1}}") << u"body.a[0]"_s;
    QTest::newRow("wildcard") << QByteArray("{\"a\": [1]}") << u"body.a[*]"_s;
    // The escaped name might be the one asked for: the parsed value decides.
    QTest::newRow("escaped name on the way") << QByteArray("{\"\\u0061\": {\"b\": 1}}") << u"body.a"_s;
    QTest::newRow("truncated document") << QByteArray("{\"a\": {\"b\": [1, 2") << u"body.a"_s;
    QTest::newRow("unterminated string") << QByteArray("{\"a\": \"abc") << u"body.a"_s;
    QTest::newRow("empty document") << QByteArray() << u"body"_s;
}

void TestJsonSpan::givesUpWhereItCannotTell()
{
    QFETCH(QByteArray, doc);
    QFETCH(QString, path);
    QCOMPARE(JsonSpan::find(doc, segmentsOf(path)).has_value(), false);
}

void TestJsonSpan::compactKeepsStringsAsWritten()
{
    const QByteArray doc = "{ \"a b\" : \"  spaced \\\" \\n  \" ,\n\t\"c\": [ 1 , 2 ] }";
    QCOMPARE(JsonSpan::compact(doc, doc), QByteArray("{\"a b\":\"  spaced \\\" \\n  \",\"c\":[1,2]}"));
}

void TestJsonSpan::wholeCompactDocumentIsShared()
{
    const QByteArray doc = "{\"a\":[1,{\"b\":\"c d\"}]}";
    const auto span = JsonSpan::find(doc, segmentsOf(u"body"_s));
    QVERIFY(span);
    const QByteArray text = JsonSpan::compact(doc, *span);
    QCOMPARE(text, doc);
    QCOMPARE(text.constData(), doc.constData()); // shared, not copied
}

// Every object and array of every provider fixture, found by its path: the
// text parses to the value the path evaluates to.
void TestJsonSpan::agreesWithThePathOnEveryFixture()
{
    int checked = 0;
    QDirIterator it(QStringLiteral(INLET_TEST_DATA_DIR "/payloads"), {u"*.json"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray doc = f.readAll();
        const QJsonDocument parsed = QJsonDocument::fromJson(doc);
        if (parsed.isNull())
            continue;
        EvalContext ctx;
        ctx.body = parsed.isObject() ? QJsonValue(parsed.object()) : QJsonValue(parsed.array());
        // Breadth-first over the containers, with their paths.
        QList<std::pair<QString, QJsonValue>> todo{{u"body"_s, ctx.body}};
        while (!todo.isEmpty()) {
            const auto [path, value] = todo.takeFirst();
            const PathExpression e = PathExpression::compile(path);
            QVERIFY2(e.isValid(), qPrintable(path));
            const auto span = JsonSpan::find(doc, e.segments());
            QVERIFY2(span, qPrintable(it.filePath() + u' ' + path));
            const QByteArray text = JsonSpan::compact(doc, *span);
            const QJsonDocument back = QJsonDocument::fromJson(text);
            const QJsonValue v = back.isObject() ? QJsonValue(back.object()) : QJsonValue(back.array());
            QVERIFY2(v == value, qPrintable(it.filePath() + u' ' + path));
            QVERIFY2(!text.contains("\n"), qPrintable(path));
            ++checked;
            if (value.isObject()) {
                const QJsonObject o = value.toObject();
                for (auto m = o.constBegin(); m != o.constEnd(); ++m) {
                    if ((m.value().isObject() || m.value().isArray()) && !m.key().contains(u'"') &&
                        !m.key().contains(u'\\'))
                        todo.append({path + u"[\""_s + m.key() + u"\"]"_s, m.value()});
                }
            } else {
                const QJsonArray a = value.toArray();
                for (qsizetype i = 0; i < a.size(); ++i) {
                    if (a.at(i).isObject() || a.at(i).isArray())
                        todo.append({path + u'[' + QString::number(i) + u']', a.at(i)});
                }
            }
        }
    }
    QVERIFY2(checked > 50, qPrintable(QString::number(checked)));
}

void TestJsonSpan::valueSpecGivesBodyPathsOnly()
{
    const QByteArray body = "{\"data\": {\"x\": [1, 2]}}";
    QCOMPARE(ValueSpec::parse(u"body.data"_s).bodyText(body), std::optional<QByteArray>("{\"x\":[1,2]}"));
    QCOMPARE(ValueSpec::parse(QJsonObject{{u"path"_s, u"body.data.x"_s}}).bodyText(body),
             std::optional<QByteArray>("[1,2]"));
    QVERIFY(!ValueSpec::parse(u"headers.data"_s).bodyText(body));
    QVERIFY(!ValueSpec::parse(QJsonObject{{u"value"_s, QJsonObject{{u"x"_s, 1}}}}).bodyText(body));
    QVERIFY(!ValueSpec::parse(QJsonObject{{u"template"_s, u"{{body.data}}"_s}}).bodyText(body));
    QVERIFY(!ValueSpec::parse(QJsonObject{{u"coalesce"_s, QJsonArray{u"body.data"_s}}}).bodyText(body));
    QVERIFY(!ValueSpec::parse(u"body.data.y"_s).bodyText(body)); // missing: a default would apply
}

QTEST_APPLESS_MAIN(TestJsonSpan)
#include "test_json_span.moc"
