#include "util/JsonMembers.h"
#include "util/JsonWriter.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// JsonWriter must write exactly what QJsonDocument::toJson(Compact) writes:
// stored action payloads, workflow data and event headers were written by
// Qt before, and the log viewer and tests compare their text.
class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsQtForEveryPayloadFixture();
    void sameAsQtForEdgeCases_data();
    void sameAsQtForEdgeCases();
    void scalarsAndTopLevelArrays();
    void roundTripsThroughTheParser();
    void membersJoinToTheWholeObject();
};

namespace {

QByteArray qtCompact(const QJsonValue &v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

void TestJsonWriter::sameAsQtForEveryPayloadFixture()
{
    int files = 0;
    QDirIterator it(QStringLiteral(INLET_TEST_DATA_DIR "/payloads"), {u"*.json"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
        if (doc.isObject()) {
            QCOMPARE(JsonWriter::write(doc.object()), qtCompact(doc.object()));
            QCOMPARE(JsonMembers::of(doc.object()).object(), qtCompact(doc.object()));
        } else if (doc.isArray()) {
            QCOMPARE(JsonWriter::write(doc.array()), qtCompact(doc.array()));
        }
        ++files;
    }
    QVERIFY2(files >= 10, "the payload fixtures were not found");
}

void TestJsonWriter::sameAsQtForEdgeCases_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << "{}"_ba;
    QTest::newRow("empty array") << "[]"_ba;
    QTest::newRow("nested empties") << "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]]}"_ba;
    QTest::newRow("key order") << "{\"b\":1,\"a\":2,\"B\":3,\"_\":4,\"aa\":5}"_ba;
    QTest::newRow("escapes") << "{\"s\":\"quote \\\" backslash \\\\ slash / \\b\\f\\n\\r\\t end\"}"_ba;
    QTest::newRow("control characters") << "{\"s\":\"\\u0000\\u0001\\u001f\\u007f\"}"_ba;
    QTest::newRow("key escapes") << "{\"a\\\"b\\\\c\\nd\":true}"_ba;
    QTest::newRow("latin-1 and bmp") << "{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xe4\xb8\xad\xe6\x96\x87\"}"_ba;
    QTest::newRow("astral") << "{\"s\":\"\xf0\x9f\x98\x80 \xf0\x9d\x84\x9e\"}"_ba;
    QTest::newRow("escaped astral") << "{\"s\":\"\\ud83d\\ude00\"}"_ba;
    QTest::newRow("lone high surrogate") << "{\"s\":\"a\\ud800b\"}"_ba;
    QTest::newRow("lone low surrogate") << "{\"s\":\"a\\udc00b\"}"_ba;
    QTest::newRow("high surrogate at end") << "{\"s\":\"a\\ud800\"}"_ba;
    QTest::newRow("integers")
        << "{\"a\":0,\"b\":-1,\"c\":9007199254740993,\"d\":9223372036854775807,\"e\":-9223372036854775808}"_ba;
    QTest::newRow("doubles")
        << "{\"a\":0.1,\"b\":-2.5e-7,\"c\":1e17,\"d\":1.7976931348623157e308,\"e\":3.0,\"f\":1e300}"_ba;
    QTest::newRow("big integer as double") << "{\"a\":18446744073709551616,\"b\":100000000000000000000}"_ba;
    QTest::newRow("literals") << "{\"t\":true,\"f\":false,\"n\":null,\"a\":[true,false,null,1,\"x\"]}"_ba;
    QTest::newRow("long string") << ("{\"s\":\"" + QByteArray(100000, 'x') + "\"}");
    QTest::newRow("deep") << (QByteArray(200, '[') + "1" + QByteArray(200, ']'));
}

void TestJsonWriter::sameAsQtForEdgeCases()
{
    QFETCH(QByteArray, json);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    if (doc.isObject()) {
        QCOMPARE(JsonWriter::write(doc.object()), qtCompact(doc.object()));
        QCOMPARE(JsonMembers::of(doc.object()).object(), qtCompact(doc.object()));
    } else {
        QCOMPARE(JsonWriter::write(doc.array()), qtCompact(doc.array()));
    }
}

void TestJsonWriter::scalarsAndTopLevelArrays()
{
    const QList<QJsonValue> values = {QJsonValue(),
                                      QJsonValue(QJsonValue::Undefined),
                                      QJsonValue(true),
                                      QJsonValue(false),
                                      QJsonValue(42),
                                      QJsonValue(qint64(1) << 60),
                                      QJsonValue(0.5),
                                      QJsonValue(qInf()),
                                      QJsonValue(u"t\u00e9xt\n"_s),
                                      QJsonValue(QString()),
                                      QJsonArray{1, u"a"_s, QJsonObject{{u"k"_s, u"v"_s}}},
                                      QJsonObject{{u"k"_s, QJsonArray{}}}};
    for (const QJsonValue &v : values)
        QCOMPARE(JsonWriter::write(v), qtCompact(v));
    QCOMPARE(JsonWriter::write(QJsonValue(QJsonValue::Undefined)), "null"_ba);
    QCOMPARE(JsonWriter::write(QJsonValue(qInf())), "null"_ba);
}

void TestJsonWriter::roundTripsThroughTheParser()
{
    const QJsonObject o{{u"id"_s, u"evt_1"_s},
                        {u"amount"_s, 1999},
                        {u"ratio"_s, 0.25},
                        {u"tags"_s, QJsonArray{u"a"_s, u"\u00fc"_s}},
                        {u"meta"_s, QJsonObject{{u"nested"_s, QJsonValue::Null}}}};
    QCOMPARE(QJsonDocument::fromJson(JsonWriter::write(o)).object(), o);
}

void TestJsonWriter::membersJoinToTheWholeObject()
{
    const QJsonObject o =
        QJsonDocument::fromJson("{\"data\":{\"b\":[1,2.5,\"x\"],\"a\":null},\"key\":\"k\\\"1\",\"n\":3}").object();
    const JsonMembers m = JsonMembers::of(o);
    QCOMPARE(m.member(u"data"), JsonWriter::write(o.value(u"data"_s).toObject()));
    QCOMPARE(m.member(u"key"), "\"k\\\"1\""_ba);
    QCOMPARE(m.member(u"n"), "3"_ba);
    QVERIFY(m.member(u"missing").isNull());
    QCOMPARE(m.object(), qtCompact(o));
    QCOMPARE(JsonMembers::of({}).object(), "{}"_ba);
    // What the action log keeps when members are logged elsewhere.
    QCOMPARE(m.objectWithout({u"data"_s}), "{\"key\":\"k\\\"1\",\"n\":3}"_ba);
    QCOMPARE(m.objectWithout({u"data"_s, u"key"_s, u"n"_s}), "{}"_ba);
    QCOMPARE(m.objectWithout({u"key"_s}), "{\"data\":"_ba + m.member(u"data") + ",\"n\":3}"_ba);
    QCOMPARE(m.objectWithout({}), m.object());
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "test_json_writer.moc"
