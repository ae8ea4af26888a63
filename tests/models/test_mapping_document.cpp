#include "models/json/JsonTreeModel.h"
#include "models/mapping/MappingDocument.h"
#include "models/mapping/MappingParameterModel.h"
#include "models/mapping/ParameterCheck.h"
#include "models/mapping/ParameterForms.h"
#include "models/mapping/PathCompletionModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

SourceConfig stripeConfig()
{
    SourceConfig sc;
    sc.source = u"stripe"_s;
    sc.env = u"development"_s;
    ConfigErrors errors;
    sc.mappings.append(
        *MappingConfig::fromJson(QJsonObject{{u"event_type"_s, u"invoice.paid"_s},
                                             {u"action_type"_s, u"workflows_trigger"_s},
                                             {u"action_parameters"_s, QJsonObject{{u"key"_s, u"invoice-paid"_s},
                                                                                  {u"recipients"_s, u"body.customer"_s},
                                                                                  {u"data"_s, u"body"_s}}}},
                                 QString(), errors));
    sc.mappings.append(
        *MappingConfig::fromJson(QJsonObject{{u"event_type"_s, u"invoice.paid"_s},
                                             {u"action_type"_s, u"users_identify"_s},
                                             {u"action_parameters"_s, QJsonObject{{u"id"_s, u"body.customer"_s}}}},
                                 QString(), errors));
    return sc;
}

QJsonObject sample()
{
    return QJsonObject{{u"body"_s, QJsonObject{{u"customer"_s, u"cus_1"_s},
                                               {u"amount"_s, 2000},
                                               {u"lines"_s, QJsonArray{QJsonObject{{u"id"_s, u"li_1"_s}}}},
                                               {u"odd.key"_s, true}}},
                       {u"headers"_s, QJsonObject{{u"x-id"_s, u"h1"_s}}}};
}

} // namespace

class TestMappingDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void executionOrder();
    void setParameterRedoUndoRedo();
    void activeAndAddRemoveRedoUndoRedo();
    void payloadTreeDragsPaths();
    void dropSetsPathThroughUndoStack();
    void dropOnLiteralParameter();
    void textPlainFallbackAndRejects();
    void parameterChecks();
    void editingExpressions();
    void valueFormsRedoUndoRedo_data();
    void valueFormsRedoUndoRedo();
    void formsRoundTrip();
    void completionModelListsSamplePaths();
};

void TestMappingDocument::executionOrder()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    // users_identify runs before workflows_trigger whatever the file order.
    const QList<int> order = doc.mappingsOf(u"invoice.paid"_s);
    QCOMPARE(order, (QList<int>{1, 0}));
}

void TestMappingDocument::setParameterRedoUndoRedo()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    QSignalSpy changed(&doc, &MappingDocument::mappingChanged);
    QVERIFY(!doc.isModified());
    doc.setParameter(0, u"actor"_s, u"body.customer"_s); // push = redo
    QCOMPARE(doc.mapping(0)->parameters.value(u"actor"_s).toString(), u"body.customer"_s);
    QVERIFY(doc.isModified());
    QCOMPARE(changed.size(), 1);
    doc.undoStack()->undo();
    QVERIFY(!doc.mapping(0)->parameters.contains(u"actor"_s));
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.mapping(0)->parameters.value(u"actor"_s).toString(), u"body.customer"_s);
    // The compiled form follows the edit.
    bool compiled = false;
    for (const auto &[name, spec] : doc.mapping(0)->values)
        compiled = compiled || (name == u"actor" && spec.isValid());
    QVERIFY(compiled);
    // Replacing, then undoing, restores the previous value.
    doc.setParameter(0, u"data"_s, u"body.lines"_s);
    doc.undoStack()->undo();
    QCOMPARE(doc.mapping(0)->parameters.value(u"data"_s).toString(), u"body"_s);
    doc.undoStack()->redo();
    QCOMPARE(doc.mapping(0)->parameters.value(u"data"_s).toString(), u"body.lines"_s);
}

void TestMappingDocument::activeAndAddRemoveRedoUndoRedo()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    doc.setActive(1, false);
    QVERIFY(!doc.mapping(1)->active);
    doc.undoStack()->undo();
    QVERIFY(doc.mapping(1)->active);
    doc.undoStack()->redo();
    QVERIFY(!doc.mapping(1)->active);

    MappingConfig m;
    m.eventType = u"customer.created"_s;
    m.actionType = ActionType::UsersIdentify;
    QSignalSpy reset(&doc, &MappingDocument::mappingsReset);
    doc.addMapping(m);
    QCOMPARE(doc.mappings().size(), 3);
    QCOMPARE(reset.size(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.mappings().size(), 2);
    doc.undoStack()->redo();
    QCOMPARE(doc.mappings().at(2).eventType, u"customer.created"_s);

    doc.removeMapping(0);
    QCOMPARE(doc.mappings().size(), 2);
    QCOMPARE(doc.mappings().at(0).actionType, ActionType::UsersIdentify);
    doc.undoStack()->undo();
    QCOMPARE(doc.mappings().size(), 3);
    QCOMPARE(doc.mappings().at(0).actionType, ActionType::WorkflowsTrigger);
    doc.undoStack()->redo();
    QCOMPARE(doc.mappings().size(), 2);
}

void TestMappingDocument::payloadTreeDragsPaths()
{
    JsonTreeModel tree;
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.setDocument(sample());
    const QModelIndex body = tree.indexOfPath(u"body"_s);
    QVERIFY(body.isValid());
    QCOMPARE(tree.rowCount(body), 4);
    const QModelIndex line = tree.indexOfPath(u"body.lines[0].id"_s);
    QVERIFY(line.isValid());
    QCOMPARE(line.siblingAtColumn(JsonTreeModel::Value).data().toString(), u"\"li_1\""_s);
    QCOMPARE(line.siblingAtColumn(JsonTreeModel::Type).data().toString(), u"string"_s);
    QVERIFY(tree.flags(line) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> mime(tree.mimeData({line}));
    QCOMPARE(QString::fromUtf8(mime->data(JsonTreeModel::pathMimeType())), u"body.lines[0].id"_s);
    QCOMPARE(mime->text(), u"body.lines[0].id"_s);
    // A key with a dot is quoted so the path compiles back to it.
    QVERIFY(tree.indexOfPath(u"body[\"odd.key\"]"_s).isValid());
}

void TestMappingDocument::dropSetsPathThroughUndoStack()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    MappingParameterModel model(&doc, 1); // users_identify
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(sample());
    int emailRow = -1;
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, 0).data(MappingParameterModel::NameRole).toString() == u"email")
            emailRow = r;
    }
    QVERIFY(emailRow >= 0);
    JsonTreeModel tree;
    tree.setDocument(sample());
    std::unique_ptr<QMimeData> mime(tree.mimeData({tree.indexOfPath(u"headers.x-id"_s)}));
    const QModelIndex target = model.index(emailRow, MappingParameterModel::Expression);
    QVERIFY(model.canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, target));
    QVERIFY(model.dropMimeData(mime.get(), Qt::CopyAction, -1, -1, target));
    QCOMPARE(doc.mapping(1)->parameters.value(u"email"_s).toString(), u"headers.x-id"_s);
    QCOMPARE(target.data().toString(), u"headers.x-id"_s);
    QCOMPARE(model.index(emailRow, MappingParameterModel::Resolved).data().toString(), u"\"h1\""_s);
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(target.data().toString(), QString());
    doc.undoStack()->redo();
    QCOMPARE(target.data().toString(), u"headers.x-id"_s);
}

void TestMappingDocument::dropOnLiteralParameter()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    MappingParameterModel model(&doc, 0); // workflows_trigger: key is a literal
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QMimeData mime;
    mime.setData(JsonTreeModel::pathMimeType(), "body.customer");
    QVERIFY(model.dropMimeData(&mime, Qt::CopyAction, 0, 0, {})); // between rows: row 0 = key
    QCOMPARE(doc.mapping(0)->parameters.value(u"key"_s).toObject().value(u"path"_s).toString(), u"body.customer"_s);
}

void TestMappingDocument::textPlainFallbackAndRejects()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    MappingParameterModel model(&doc, 1);
    QMimeData text;
    text.setText(u"body.amount"_s);
    QVERIFY(model.dropMimeData(&text, Qt::CopyAction, -1, -1, model.index(0, 1)));
    QCOMPARE(doc.mapping(1)->parameters.value(u"id"_s).toString(), u"body.amount"_s);
    QMimeData empty;
    QVERIFY(!model.canDropMimeData(&empty, Qt::CopyAction, -1, -1, model.index(0, 1)));
    QVERIFY(!model.canDropMimeData(&text, Qt::CopyAction, 99, 0, {}));
}

void TestMappingDocument::parameterChecks()
{
    using State = ParameterCheck::State;
    const QJsonObject s = sample();
    QCOMPARE(ParameterCheck::evaluate(ActionType::UsersIdentify, u"id"_s, true, u"body.customer"_s, s).state,
             State::Ok);
    QCOMPARE(ParameterCheck::evaluate(ActionType::UsersIdentify, u"id"_s, true, u"body.nope"_s, s).state,
             State::Missing);
    QCOMPARE(ParameterCheck::evaluate(ActionType::UsersIdentify, u"id"_s, true, QJsonValue(), s).state,
             State::RequiredEmpty);
    QCOMPARE(ParameterCheck::evaluate(ActionType::UsersIdentify, u"email"_s, false, QJsonValue(), s).state,
             State::Unset);
    QCOMPARE(ParameterCheck::evaluate(ActionType::WorkflowsTrigger, u"recipients"_s, true, u"body.amount"_s, s).state,
             State::WrongType);
    QCOMPARE(ParameterCheck::evaluate(ActionType::WorkflowsTrigger, u"recipients"_s, true, u"body.lines"_s, s).state,
             State::Ok);
    QCOMPARE(ParameterCheck::evaluate(ActionType::WorkflowsTrigger, u"key"_s, true, u"invoice-paid"_s, s).state,
             State::Ok);
    QCOMPARE(ParameterCheck::evaluate(ActionType::UsersIdentify, u"id"_s, true, u"body..x"_s, s).state, State::Invalid);
}

void TestMappingDocument::editingExpressions()
{
    MappingDocument doc;
    doc.load(stripeConfig());
    MappingParameterModel model(&doc, 1);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex name = model.index(1, MappingParameterModel::Expression);
    QVERIFY(model.setData(name, u"{\"template\": \"{{body.customer}}!\"}"_s));
    QVERIFY(doc.mapping(1)
                ->parameters.value(model.index(1, 0).data(MappingParameterModel::NameRole).toString())
                .isObject());
    QVERIFY(model.setData(name, QString()));
    QVERIFY(!doc.mapping(1)->parameters.contains(model.index(1, 0).data(MappingParameterModel::NameRole).toString()));
    QCOMPARE(doc.undoStack()->count(), 2);
}

void TestMappingDocument::valueFormsRedoUndoRedo_data()
{
    QTest::addColumn<QString>("form");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("literal") << u"literal"_s << QJsonValue(QJsonObject{{u"value"_s, 42}});
    QTest::newRow("template") << u"template"_s << QJsonValue(QJsonObject{{u"template"_s, u"Hi {{body.customer}}"_s}});
    QTest::newRow("coalesce") << u"coalesce"_s
                              << QJsonValue(
                                     QJsonObject{{u"coalesce"_s, QJsonArray{u"body.nope"_s, u"body.customer"_s}}});
    QTest::newRow("default") << u"default"_s
                             << QJsonValue(QJsonObject{{u"path"_s, u"body.nope"_s}, {u"default"_s, u"anon"_s}});
    QTest::newRow("clear") << u"clear"_s << QJsonValue(QJsonValue::Undefined);
}

void TestMappingDocument::valueFormsRedoUndoRedo()
{
    QFETCH(QString, form);
    QFETCH(QJsonValue, expected);
    MappingDocument doc;
    doc.load(stripeConfig());
    MappingParameterModel model(&doc, 1); // users_identify: id = body.customer
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(sample());
    const QString name = u"id"_s;
    const QJsonValue before = doc.mapping(1)->parameters.value(name);
    if (form == u"literal")
        doc.setLiteral(1, name, 42);
    else if (form == u"template")
        doc.setTemplate(1, name, u"Hi {{body.customer}}"_s);
    else if (form == u"coalesce")
        doc.setCoalesce(1, name, {u"body.nope"_s, u" "_s, u"body.customer"_s});
    else if (form == u"default")
        doc.setPathWithDefault(1, name, u"body.nope"_s, u"anon"_s);
    else
        doc.clearParameter(1, name);
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(!doc.undoStack()->text(0).isEmpty());
    QCOMPARE(doc.mapping(1)->parameters.value(name), expected);
    // The compiled form follows and the preview resolves it.
    const QModelIndex resolved = model.index(0, MappingParameterModel::Resolved);
    const QString shown = resolved.data().toString();
    if (form == u"literal")
        QCOMPARE(shown, u"42"_s);
    else if (form == u"template")
        QCOMPARE(shown, u"\"Hi cus_1\""_s);
    else if (form == u"coalesce")
        QCOMPARE(shown, u"\"cus_1\""_s);
    else if (form == u"default")
        QCOMPARE(shown, u"\"anon\""_s);
    doc.undoStack()->undo();
    QCOMPARE(doc.mapping(1)->parameters.value(name), before);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.mapping(1)->parameters.value(name), expected);
    QCOMPARE(resolved.data().toString(), shown);
    // Clearing what is not set is not a command.
    if (form == u"clear") {
        doc.clearParameter(1, name);
        QCOMPARE(doc.undoStack()->count(), 1);
    }
}

void TestMappingDocument::formsRoundTrip()
{
    using Form = ParameterForms::Form;
    QCOMPARE(ParameterForms::formOf(QJsonValue()), Form::Empty);
    QCOMPARE(ParameterForms::formOf(u"body.x"_s), Form::Path);
    QCOMPARE(ParameterForms::formOf(ParameterForms::literal(1)), Form::Literal);
    QCOMPARE(ParameterForms::formOf(ParameterForms::templateOf(u"x"_s)), Form::Template);
    QCOMPARE(ParameterForms::formOf(ParameterForms::coalesce({u"a"_s})), Form::Coalesce);
    QCOMPARE(ParameterForms::formOf(ParameterForms::pathWithDefault(u"a"_s, 1)), Form::Default);
    QCOMPARE(ParameterForms::jsonOrText(u"42"_s), QJsonValue(42));
    QCOMPARE(ParameterForms::jsonOrText(u"true"_s), QJsonValue(true));
    QCOMPARE(ParameterForms::jsonOrText(u"hello world"_s), QJsonValue(u"hello world"_s));
    QCOMPARE(ParameterForms::jsonOrText(u"\"42\""_s), QJsonValue(u"42"_s));
    QCOMPARE(ParameterForms::jsonOrText(u"{\"a\": 1}"_s), QJsonValue(QJsonObject{{u"a"_s, 1}}));
    for (const QJsonValue &v : {QJsonValue(42), QJsonValue(u"42"_s), QJsonValue(u"text"_s), QJsonValue(false),
                                QJsonValue(QJsonArray{1, u"a"_s})})
        QCOMPARE(ParameterForms::jsonOrText(ParameterForms::textOf(v)), v);
    const QJsonValue c = ParameterForms::coalesce({u"body.a"_s, u"{\"value\": 1}"_s});
    QCOMPARE(ParameterForms::coalesceItemsOf(c), (QStringList{u"body.a"_s, u"{\"value\":1}"_s}));
    QCOMPARE(ParameterForms::pathOf(ParameterForms::pathWithDefault(u"body.a"_s, 1)), u"body.a"_s);
    QCOMPARE(ParameterForms::defaultOf(ParameterForms::pathWithDefault(u"body.a"_s, 1)), QJsonValue(1));
}

void TestMappingDocument::completionModelListsSamplePaths()
{
    PathCompletionModel paths;
    QAbstractItemModelTester tester(&paths, QAbstractItemModelTester::FailureReportingMode::QtTest);
    paths.setSample(sample());
    const QStringList list = paths.stringList();
    QCOMPARE(paths.rowCount(), list.size());
    for (const QString &p : {u"body"_s, u"body.customer"_s, u"body.amount"_s, u"body.lines"_s, u"body.lines[0]"_s,
                             u"body.lines[0].id"_s, u"body[\"odd.key\"]"_s, u"headers"_s, u"headers.x-id"_s})
        QVERIFY2(list.contains(p), qPrintable(p));
    QCOMPARE(list.size(), 9);
    // Parents before children.
    QVERIFY(list.indexOf(u"body"_s) < list.indexOf(u"body.customer"_s));
    paths.setSample(QJsonObject{{u"body"_s, QJsonObject{{u"id"_s, 1}}}});
    QCOMPARE(paths.stringList(), (QStringList{u"body"_s, u"body.id"_s}));
}

QTEST_MAIN(TestMappingDocument)
#include "test_mapping_document.moc"
