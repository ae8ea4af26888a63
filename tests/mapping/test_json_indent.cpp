#include "util/JsonIndent.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// The event log's pretty view and `inletd show` indent the body as sent.
class TestJsonIndent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheSendersOrder()
    {
        const QByteArray body =
            "{\"type\":\"invoice.paid\",\"id\":\"evt_1\",\"data\":{\"object\":{\"b\":1,\"a\":[1,2]}}}";
        QCOMPARE(JsonIndent::indent(body), QByteArray("{\n"
                                                      "    \"type\": \"invoice.paid\",\n"
                                                      "    \"id\": \"evt_1\",\n"
                                                      "    \"data\": {\n"
                                                      "        \"object\": {\n"
                                                      "            \"b\": 1,\n"
                                                      "            \"a\": [\n"
                                                      "                1,\n"
                                                      "                2\n"
                                                      "            ]\n"
                                                      "        }\n"
                                                      "    }\n"
                                                      "}\n"));
    }

    void stringsAndEmptyContainersAsTheyAre()
    {
        const QByteArray body = "{ \"s\" : \"a, {b}: [c] \\\" \\\\\" ,\n \"e\": { }, \"l\": [ ], \"n\": -1.50e3,"
                                " \"u\": \"\\u00e9\", \"k\": true, \"z\": null }";
        const QByteArray indented = JsonIndent::indent(body);
        QCOMPARE(indented, QByteArray("{\n"
                                      "    \"s\": \"a, {b}: [c] \\\" \\\\\",\n"
                                      "    \"e\": {},\n"
                                      "    \"l\": [],\n"
                                      "    \"n\": -1.50e3,\n"
                                      "    \"u\": \"\\u00e9\",\n"
                                      "    \"k\": true,\n"
                                      "    \"z\": null\n"
                                      "}\n"));
        QCOMPARE(QJsonDocument::fromJson(indented), QJsonDocument::fromJson(body));
    }

    void duplicateMembersStayVisible()
    {
        QCOMPARE(JsonIndent::indent("{\"a\":1,\"a\":2}"), QByteArray("{\n    \"a\": 1,\n    \"a\": 2\n}\n"));
        QCOMPARE(JsonIndent::indent("[]"), QByteArray("[]\n"));
    }
};

QTEST_GUILESS_MAIN(TestJsonIndent)
#include "test_json_indent.moc"
