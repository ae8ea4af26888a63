#include "mapping/PathEnumerator.h"
#include "mapping/PathExpression.h"
#include "support/TestPayloads.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using inlet::test::json;

class TestPathEnumerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallDocument();
    void depthLimit_data();
    void depthLimit();
    void quoting_data();
    void quoting();
    void everyStripePathResolves();
    void childAndIndexPaths();
};

void TestPathEnumerator::smallDocument()
{
    const QJsonValue document = json(uR"({"body": {"type": "t", "items": [{"id": 1}, 2], "empty": {}},
                                         "headers": {"svix-id": "m"}})"_s);
    const QStringList expected = {
        u"body"_s,          u"body.empty"_s, u"body.items"_s, u"body.items[0]"_s,   u"body.items[0].id"_s,
        u"body.items[1]"_s, u"body.type"_s,  u"headers"_s,    u"headers.svix-id"_s,
    };
    QCOMPARE(PathEnumerator::enumerate(document, -1), expected);
}

void TestPathEnumerator::depthLimit_data()
{
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("0") << 0 << QStringList();
    QTest::newRow("1") << 1 << QStringList{u"body"_s};
    QTest::newRow("2") << 2 << QStringList{u"body"_s, u"body.a"_s};
    QTest::newRow("3") << 3 << QStringList{u"body"_s, u"body.a"_s, u"body.a[0]"_s};
    QTest::newRow("unlimited") << -1 << QStringList{u"body"_s, u"body.a"_s, u"body.a[0]"_s, u"body.a[0].b"_s};
}

void TestPathEnumerator::depthLimit()
{
    QFETCH(int, maxDepth);
    QFETCH(QStringList, expected);
    QCOMPARE(PathEnumerator::enumerate(json(uR"({"body": {"a": [{"b": true}]}})"_s), maxDepth), expected);
}

void TestPathEnumerator::quoting_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("path");

    QTest::newRow("plain") << u"plain"_s << u"body.plain"_s;
    QTest::newRow("dash and dollar") << u"$set-x"_s << u"body.$set-x"_s;
    QTest::newRow("non-ASCII") << u"prénom"_s << u"body.prénom"_s;
    QTest::newRow("dot") << u"a.b"_s << uR"(body["a.b"])"_s;
    QTest::newRow("brackets") << u"x[0]"_s << uR"(body["x[0]"])"_s;
    QTest::newRow("double quote") << u"q\"uote"_s << uR"(body["q\"uote"])"_s;
    QTest::newRow("single quote") << u"it's"_s << uR"(body["it's"])"_s;
    QTest::newRow("backslash") << u"back\\slash"_s << uR"(body["back\\slash"])"_s;
    QTest::newRow("space") << u"First Name"_s << uR"(body["First Name"])"_s;
    QTest::newRow("star") << u"*"_s << uR"(body["*"])"_s;
    QTest::newRow("braces") << u"{id}"_s << uR"(body["{id}"])"_s;
    QTest::newRow("empty") << QString() << uR"(body[""])"_s;
}

// Every key comes back as a path that compiles and finds the key's value.
void TestPathEnumerator::quoting()
{
    QFETCH(QString, key);
    QFETCH(QString, path);
    const QJsonObject document{{u"body"_s, QJsonObject{{key, 42}}}};
    const QStringList paths = PathEnumerator::enumerate(document, -1);
    QCOMPARE(paths, (QStringList{u"body"_s, path}));
    QString error;
    const PathExpression expression = PathExpression::compile(path, &error);
    QVERIFY2(expression.isValid(), qPrintable(error));
    QCOMPARE(test::describe(expression.evaluate(QJsonValue(document))), u"42"_s);
}

void TestPathEnumerator::everyStripePathResolves()
{
    const EvalContext context = test::stripeContext();
    const QJsonValue document(context.toJson());
    const QStringList paths = PathEnumerator::enumerate(document, -1);
    QVERIFY(paths.contains(u"body.data.object.lines.data[0].price.recurring.interval"_s));
    QVERIFY(paths.contains(u"headers.svix-id"_s));
    QVERIFY(paths.contains(u"preprocess.event_type"_s));
    QVERIFY(paths.size() > 150);
    for (const QString &path : paths) {
        const PathExpression expression = PathExpression::compile(path);
        QVERIFY2(expression.isValid(), qPrintable(path));
        QVERIFY2(expression.evaluate(context).has_value(), qPrintable(path));
    }
}

void TestPathEnumerator::childAndIndexPaths()
{
    QCOMPARE(PathEnumerator::childPath(u"body"_s, u"id"_s), u"body.id"_s);
    QCOMPARE(PathEnumerator::childPath(u"body"_s, u"a.b"_s), uR"(body["a.b"])"_s);
    QCOMPARE(PathEnumerator::childPath(QString(), u"body"_s), u"body"_s);
    QCOMPARE(PathEnumerator::childPath(QString(), u"a b"_s), uR"(["a b"])"_s);
    QCOMPARE(PathEnumerator::indexPath(u"body.items"_s, 3), u"body.items[3]"_s);
    QVERIFY(PathEnumerator::needsQuoting(QString()));
    QVERIFY(!PathEnumerator::needsQuoting(u"svix-id"_s));
}

QTEST_GUILESS_MAIN(TestPathEnumerator)
#include "test_path_enumerator.moc"
