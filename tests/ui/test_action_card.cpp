#include "models/mapping/MappingDocument.h"
#include "models/mapping/MappingParameterModel.h"
#include "models/mapping/ParameterCheck.h"
#include "models/mapping/PathCompletionModel.h"
#include "ui/mapping/ActionCard.h"
#include "ui/mapping/ParameterMenu.h"
#include "ui/mapping/ParameterValueDialog.h"

#include <QAbstractItemDelegate>
#include <QCompleter>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

SourceConfig config()
{
    SourceConfig sc;
    sc.source = u"stripe"_s;
    sc.env = u"development"_s;
    ConfigErrors errors;
    sc.mappings.append(
        *MappingConfig::fromJson(QJsonObject{{u"event_type"_s, u"invoice.paid"_s},
                                             {u"action_type"_s, u"users_identify"_s},
                                             {u"action_parameters"_s, QJsonObject{{u"id"_s, u"body.customer"_s}}}},
                                 QString(), errors));
    return sc;
}

QJsonObject sample()
{
    return QJsonObject{{u"body"_s, QJsonObject{{u"customer"_s, u"cus_1"_s}, {u"email"_s, u"a@b.c"_s}}},
                       {u"headers"_s, QJsonObject{{u"x-id"_s, u"h1"_s}}}};
}

int rowOf(const MappingParameterModel *model, const QString &name)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data(MappingParameterModel::NameRole).toString() == name)
            return r;
    }
    return -1;
}

} // namespace

class TestActionCard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyRowHasAMenuButton();
    void menuActionsRedoUndoRedo_data();
    void menuActionsRedoUndoRedo();
    void dialogRefusesInvalidValues();
    void typedPathsComplete();
};

void TestActionCard::everyRowHasAMenuButton()
{
    MappingDocument doc;
    doc.load(config());
    ActionCard card(&doc, 0, 1);
    QVERIFY(card.model()->rowCount() > 1);
    for (int r = 0; r < card.model()->rowCount(); ++r) {
        auto *button =
            qobject_cast<QToolButton *>(card.table()->indexWidget(card.model()->index(r, MappingParameterModel::Menu)));
        QVERIFY(button);
        QCOMPARE(button->menu(), card.parameterMenu(r));
        for (auto form : {ParameterForms::Form::Literal, ParameterForms::Form::Template, ParameterForms::Form::Coalesce,
                          ParameterForms::Form::Default, ParameterForms::Form::Empty})
            QVERIFY(card.parameterMenu(r)->action(form));
    }
}

void TestActionCard::menuActionsRedoUndoRedo_data()
{
    QTest::addColumn<int>("form");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("literal") << int(ParameterForms::Form::Literal) << u"[1, 2]"_s << QString()
                             << QJsonValue(QJsonObject{{u"value"_s, QJsonArray{1, 2}}});
    QTest::newRow("template") << int(ParameterForms::Form::Template) << u"{{body.customer}}@x"_s << QString()
                              << QJsonValue(QJsonObject{{u"template"_s, u"{{body.customer}}@x"_s}});
    QTest::newRow("coalesce") << int(ParameterForms::Form::Coalesce) << u"body.nope\nbody.email"_s << QString()
                              << QJsonValue(QJsonObject{{u"coalesce"_s, QJsonArray{u"body.nope"_s, u"body.email"_s}}});
    QTest::newRow("default") << int(ParameterForms::Form::Default) << u"body.nope"_s << u"x@y.z"_s
                             << QJsonValue(QJsonObject{{u"path"_s, u"body.nope"_s}, {u"default"_s, u"x@y.z"_s}});
}

void TestActionCard::menuActionsRedoUndoRedo()
{
    QFETCH(int, form);
    QFETCH(QString, input);
    QFETCH(QString, fallback);
    QFETCH(QJsonValue, expected);
    MappingDocument doc;
    doc.load(config());
    ActionCard card(&doc, 0, 1);
    card.setSample(sample());
    const int email = rowOf(card.model(), u"email"_s);
    QVERIFY(email >= 0);
    ParameterMenu *menu = card.parameterMenu(email);

    ParameterValueDialog dialog(ParameterForms::Form(form), u"email"_s, QJsonValue(), card.paths());
    if (dialog.itemsField())
        dialog.itemsField()->setPlainText(input);
    else
        dialog.mainField()->setText(input);
    if (dialog.defaultField())
        dialog.defaultField()->setText(fallback);
    QCOMPARE(dialog.value(), expected);
    menu->apply(dialog);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.mapping(0)->parameters.value(u"email"_s), expected);
    QCOMPARE(card.model()->index(email, MappingParameterModel::Check).data(MappingParameterModel::StateRole).toInt(),
             int(ParameterCheck::State::Ok));
    doc.undoStack()->undo();
    QVERIFY(!doc.mapping(0)->parameters.contains(u"email"_s));
    doc.undoStack()->redo();
    QCOMPARE(doc.mapping(0)->parameters.value(u"email"_s), expected);

    // Clear, from the menu, is one more command.
    menu->action(ParameterForms::Form::Empty)->trigger();
    QCOMPARE(doc.undoStack()->count(), 2);
    QVERIFY(!doc.mapping(0)->parameters.contains(u"email"_s));
    doc.undoStack()->undo();
    QCOMPARE(doc.mapping(0)->parameters.value(u"email"_s), expected);
    doc.undoStack()->redo();
    QVERIFY(!doc.mapping(0)->parameters.contains(u"email"_s));

    // Reopening prefills from what is configured.
    doc.undoStack()->undo();
    ParameterValueDialog again(ParameterForms::Form(form), u"email"_s, doc.mapping(0)->parameters.value(u"email"_s),
                               card.paths());
    QCOMPARE(again.value(), expected);
}

void TestActionCard::dialogRefusesInvalidValues()
{
    PathCompletionModel paths;
    ParameterValueDialog dialog(ParameterForms::Form::Default, u"id"_s, QJsonValue(), &paths);
    dialog.mainField()->setText(u"body..x"_s);
    const auto ok = dialog.findChildren<QPushButton *>();
    bool anyDisabled = false;
    for (QPushButton *b : ok)
        anyDisabled = anyDisabled || !b->isEnabled();
    QVERIFY(anyDisabled);
    dialog.mainField()->setText(u"body.x"_s);
    for (QPushButton *b : ok)
        QVERIFY(b->isEnabled());
}

void TestActionCard::typedPathsComplete()
{
    MappingDocument doc;
    doc.load(config());
    ActionCard card(&doc, 0, 1);
    card.setSample(sample());
    QCOMPARE(card.paths()->stringList(),
             (QStringList{u"body"_s, u"body.customer"_s, u"body.email"_s, u"headers"_s, u"headers.x-id"_s}));
    const QModelIndex index = card.model()->index(0, MappingParameterModel::Expression);
    QAbstractItemDelegate *delegate = card.table()->itemDelegateForIndex(index);
    std::unique_ptr<QWidget> editor(delegate->createEditor(card.table()->viewport(), {}, index));
    auto *edit = qobject_cast<QLineEdit *>(editor.get());
    QVERIFY(edit);
    QVERIFY(edit->completer());
    QCOMPARE(edit->completer()->model(), card.paths());
    edit->completer()->setCompletionPrefix(u"mail"_s); // any part of a path matches
    QCOMPARE(edit->completer()->completionCount(), 1);
    QCOMPARE(edit->completer()->currentCompletion(), u"body.email"_s);
    // A typed path goes through the model as one command.
    edit->setText(u"body.email"_s);
    delegate->setModelData(edit, card.model(), index);
    QCOMPARE(doc.mapping(0)->parameters.value(u"id"_s).toString(), u"body.email"_s);
    QCOMPARE(doc.undoStack()->count(), 1);
}

QTEST_MAIN(TestActionCard)
#include "test_action_card.moc"
