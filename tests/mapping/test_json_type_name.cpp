// The words every message and label uses to name a JSON type, in each
// wording: error messages asserted elsewhere (configuration, parameter
// values, action parameters: SPEC 9.3) depend on them staying exactly these.
#include "util/JsonTypeName.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::jsonTypeName;
using inlet::JsonTypeWording;

class TestJsonTypeName : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wordings_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("article");
        QTest::addColumn<QString>("articleList");
        QTest::addColumn<QString>("bare");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << u"null"_s << u"null"_s << u"null"_s;
        QTest::newRow("boolean") << QJsonValue(false) << u"a boolean"_s << u"a boolean"_s << u"boolean"_s;
        QTest::newRow("number") << QJsonValue(4.5) << u"a number"_s << u"a number"_s << u"number"_s;
        QTest::newRow("string") << QJsonValue(u""_s) << u"a string"_s << u"a string"_s << u"string"_s;
        QTest::newRow("array") << QJsonValue(QJsonArray{1}) << u"an array"_s << u"a list"_s << u"array"_s;
        QTest::newRow("object") << QJsonValue(QJsonObject{}) << u"an object"_s << u"an object"_s << u"object"_s;
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << u"nothing"_s << u"nothing"_s << u"missing"_s;
    }
    void wordings()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, article);
        QFETCH(QString, articleList);
        QFETCH(QString, bare);
        QCOMPARE(jsonTypeName(value), article);
        QCOMPARE(jsonTypeName(value, JsonTypeWording::Article), article);
        QCOMPARE(jsonTypeName(value, JsonTypeWording::ArticleList), articleList);
        QCOMPARE(jsonTypeName(value, JsonTypeWording::Bare), bare);
    }
};

QTEST_GUILESS_MAIN(TestJsonTypeName)
#include "test_json_type_name.moc"
