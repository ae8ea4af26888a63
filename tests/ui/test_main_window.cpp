#include "ingest/Engine.h"
#include "models/app/Workspace.h"
#include "models/demo/DemoSeeder.h"
#include "models/json/JsonTreeModel.h"
#include "models/log/ActionLogModel.h"
#include "models/log/EventLogModel.h"
#include "models/mapping/EventTypeModel.h"
#include "models/mapping/MappingDocument.h"
#include "models/mapping/MappingParameterModel.h"
#include "models/mapping/SampleBrowser.h"
#include "models/sources/SourceListModel.h"
#include "models/sources/SourceSettingsDocument.h"
#include "ui/logs/ActionLogPage.h"
#include "ui/logs/EventDetailPane.h"
#include "ui/logs/EventLogPage.h"
#include "ui/logs/LogFilterBar.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Screenshotter.h"
#include "ui/mapping/ActionCard.h"
#include "ui/mapping/MappingEditor.h"
#include "ui/sources/ScriptVarsEditor.h"
#include "ui/sources/SourceSettingsForm.h"
#include "ui/sources/SourcesPage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// The whole window over a real engine (loopback port, SQLite file in a
// temporary directory) fed with the demo traffic over real HTTP.
class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void environmentSelectorRescopes();
    void eventLogFiltersAndDetail();
    void actionLogLinksToEvent();
    void eventDetailRehearseAndOpenAction();
    void mappingEditorDropAndSave();
    void settingsValidation();
    void settingsTestScript();
    void settingsUndoRedo();
    void settingsScriptVars();
    void settingsTestScriptPicksTheEvent();
    void pauseAndStatus();
    void screenshots();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(u"inlet-tests"_s);
    QSettings().clear();
    EngineOptions options;
    options.database = DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"inlet.sqlite"_s));
    options.port = 0;
    m_engine = std::make_unique<Engine>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_workspace = std::make_unique<Workspace>(m_engine.get(), options.database);
    QVERIFY2(m_workspace->open(&error), qPrintable(error));
    DemoSeeder seeder(m_workspace.get());
    QVERIFY2(seeder.configure(&error), qPrintable(error));
    QSignalSpy done(&seeder, &DemoSeeder::finished);
    seeder.sendTraffic();
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().at(1).toInt(), 0); // every request got an HTTP answer
    m_window = std::make_unique<MainWindow>(m_workspace.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_workspace.reset();
    m_engine->stop();
}

void TestMainWindow::environmentSelectorRescopes()
{
    QComboBox *env = m_window->environmentSelector();
    QCOMPARE(env->currentData().toString(), u"demo"_s);
    EventLogModel *events = m_window->eventLogPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(events->rowCount() > 0, 10000);
    env->setCurrentIndex(env->findData(u"production"_s));
    QCOMPARE(m_workspace->environment(), u"production"_s);
    QTRY_COMPARE_WITH_TIMEOUT(events->totalCount(), 0, 10000);
    QCOMPARE(events->filter().env, u"production"_s);
    env->setCurrentIndex(env->findData(u"demo"_s));
    QTRY_VERIFY_WITH_TIMEOUT(events->rowCount() > 0, 10000);
}

void TestMainWindow::eventLogFiltersAndDetail()
{
    m_window->showPage(MainWindow::Page::EventLog);
    EventLogPage *page = m_window->eventLogPage();
    // Wait until processing finished: no event still `accepted`.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSignalSpy reset(page->model(), &QAbstractItemModel::modelReset);
            page->model()->refresh();
            reset.wait(1000);
            for (int r = 0; r < page->model()->rowCount(); ++r) {
                if (page->model()->index(r, 0).data(EventLogModel::StatusRole).toString() == u"accepted")
                    return false;
            }
            return page->model()->rowCount() > 20;
        }(),
        15000);
    page->showStatus(u"rejected"_s);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->totalCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 2, 10000);
    page->table()->selectRow(0);
    QSignalSpy loaded(page->detail(), &EventDetailPane::loaded);
    QVERIFY(loaded.wait(5000) || !page->detail()->eventId().isEmpty());
    const QString overview = page->detail()->overviewText();
    QVERIFY2(overview.contains(u"rejected"_s), qPrintable(overview));
    page->showStatus(u"idempotent"_s);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 10000);
    page->table()->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(page->detail()->overviewText().contains(u"replays"_s), 5000);
    QVERIFY(page->detail()->shownEvent().replayOf.startsWith(u"evt_"_s));
    // The indented body keeps the sender's member order (Stripe's, not sorted).
    page->showStatus(u"unmapped"_s);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 1 && page->model()->rowCount() == page->model()->totalCount(),
                             10000);
    int refund = -1;
    for (int r = 0; r < page->model()->rowCount(); ++r) {
        if (page->model()->index(r, EventLogModel::EventType).data().toString() == u"charge.refunded")
            refund = r;
    }
    QVERIFY(refund >= 0);
    page->table()->selectRow(refund);
    QTRY_VERIFY_WITH_TIMEOUT(page->detail()->bodyText().startsWith(u"{\n    \"id\": \"evt_refund_1\",\n"
                                                                   "    \"object\": \"event\",\n    \"type\""_s),
                             5000);
    page->showStatus(QString());
}

void TestMainWindow::actionLogLinksToEvent()
{
    m_window->showPage(MainWindow::Page::ActionLog);
    ActionLogPage *page = m_window->actionLogPage();
    page->model()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 5, 10000);
    page->table()->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(page->detailText().contains(u"action_type"_s), 5000);
}

void TestMainWindow::eventDetailRehearseAndOpenAction()
{
    m_window->showPage(MainWindow::Page::EventLog);
    EventLogPage *page = m_window->eventLogPage();
    page->showStatus(u"processed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page->model()->isLoading() && page->model()->rowCount() > 0, 10000);
    EventDetailPane *detail = page->detail();
    // The first processed event that ran actions. A reset still under way
    // from an earlier test (the environment switched back) may take the
    // selection after it is made: select again until the pane shows it.
    bool found = false;
    for (int r = 0; r < page->model()->rowCount() && !found; ++r) {
        const QString id = page->model()->index(r, 0).data(EventLogModel::IdRole).toString();
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         if (detail->eventId() == id)
                             return true;
                         if (page->table()->currentIndex().row() != r) // a reset took the selection
                             page->table()->selectRow(r);
                         return detail->eventId() == id;
                     },
                     10000),
                 qPrintable(u"the detail pane shows '%1', not the selected %2"_s.arg(detail->eventId(), id)));
        found = !detail->actions().isEmpty();
    }
    QVERIFY(found);
    const QList<ActionRecord> actions = detail->actions();

    QSignalSpy rehearsed(detail, &EventDetailPane::rehearsed);
    detail->rehearse();
    QVERIFY(rehearsed.wait(10000));
    QCOMPARE(detail->tabs()->currentWidget(), detail->rehearsalTree());
    QCOMPARE(detail->rehearsalTree()->topLevelItemCount(), actions.size());
    for (int i = 0; i < actions.size(); ++i)
        QCOMPARE(detail->rehearsalTree()->topLevelItem(i)->text(0), actions.at(i).actionType);
    QVERIFY2(detail->message().contains(u"nothing was executed"_s), qPrintable(detail->message()));
    // Nothing was written: the event still has the same actions.
    QCOMPARE(detail->actions().size(), actions.size());

    // Activating an action (or one of its lines) opens it in the action log.
    QTreeWidgetItem *item = detail->actionsTree()->topLevelItem(actions.size() - 1);
    Q_EMIT detail->actionsTree()->itemActivated(item->child(0), 0);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::ActionLog);
    ActionLogPage *log = m_window->actionLogPage();
    QTRY_COMPARE_WITH_TIMEOUT(log->selectedActionId(), actions.last().id, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), actions.size(), 10000);
    log->showActionsOf(QString());
    page->showStatus(QString());
}

void TestMainWindow::mappingEditorDropAndSave()
{
    m_window->showPage(MainWindow::Page::Sources);
    SourcesPage *sources = m_window->sourcesPage();
    sources->selectSource(u"billing"_s);
    MappingEditor *editor = sources->mappingEditor();
    QTRY_VERIFY_WITH_TIMEOUT(editor->eventTypes()->rowOf(u"customer.created"_s) >= 0, 10000);
    editor->selectEventType(u"customer.created"_s);
    QTRY_VERIFY_WITH_TIMEOUT(editor->samples()->count() > 0, 10000);
    QCOMPARE(editor->cards().size(), 1);
    MappingParameterModel *params = editor->cards().first()->model();
    // Drag the customer's id from the sample tree onto "phone_number".
    const QModelIndex node = editor->sampleModel()->indexOfPath(u"body.data.object.id"_s);
    QVERIFY(node.isValid());
    std::unique_ptr<QMimeData> mime(editor->sampleModel()->mimeData({node}));
    int row = -1;
    for (int r = 0; r < params->rowCount(); ++r) {
        if (params->index(r, 0).data(MappingParameterModel::NameRole).toString() == u"phone_number")
            row = r;
    }
    QVERIFY(row >= 0);
    QVERIFY(params->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, params->index(row, 1)));
    QVERIFY(editor->document()->isModified());
    QVERIFY(params->index(row, MappingParameterModel::Resolved).data().toString().startsWith(u"\"cus_demo"_s));
    editor->document()->undoStack()->undo();
    QVERIFY(!editor->document()->isModified());
    editor->document()->undoStack()->redo();
    QString error;
    QVERIFY2(editor->save(&error), qPrintable(error));
    QVERIFY(!editor->document()->isModified());
    const SourceConfig *sc = m_workspace->sourceConfig(u"billing"_s);
    bool found = false;
    for (const MappingConfig &m : sc->mappings)
        found = found || m.parameters.value(u"phone_number"_s).toString() == u"body.data.object.id"_s;
    QVERIFY(found);
    // The running engine has it too.
    const RuntimeSource *rs = m_engine->config().current()->find(u"billing"_s, u"demo"_s);
    QVERIFY(rs);
    QVERIFY(rs->mappingsFor(u"customer.created"_s).first().parameters.contains(u"phone_number"_s));
}

void TestMainWindow::settingsValidation()
{
    SourcesPage *sources = m_window->sourcesPage();
    sources->selectSource(u"billing"_s);
    sources->showTab(SourcesPage::Tab::Settings);
    SourceSettingsForm *form = sources->settingsForm();
    QVERIFY(form->isValid());
    form->eventTypePath()->setText(u"body..type"_s);
    QVERIFY(!form->isValid());
    QVERIFY(!form->problems().isEmpty());
    form->eventTypePath()->setText(u"body.type"_s);
    QVERIFY(form->isValid());
    const int before = form->secrets()->count();
    form->generateSecret();
    QCOMPARE(form->secrets()->count(), before + 1);
    QVERIFY(
        !form->secrets()->item(before)->text().contains(form->secrets()->item(before)->data(Qt::UserRole).toString()));
    QString error;
    QVERIFY2(form->save(&error), qPrintable(error));
    QCOMPARE(m_workspace->sourceConfig(u"billing"_s)->settings.verification.secrets.size(), before + 1);
}

void TestMainWindow::settingsTestScript()
{
    SourcesPage *sources = m_window->sourcesPage();
    sources->selectSource(u"billing"_s);
    sources->showTab(SourcesPage::Tab::Settings);
    SourceSettingsForm *form = sources->settingsForm();
    QSignalSpy loaded(form, &SourceSettingsForm::sampleLoaded);
    QVERIFY(form->hasSample() || loaded.wait(10000));
    QVERIFY(form->hasSample());
    const QString saved = m_workspace->sourceConfig(u"billing"_s)->settings.preprocessScript;
    // The text as typed runs, unsaved, against the newest billing event.
    form->scriptEditor()->setPlainText(
        u"function main(ctx) {\n  return { type: ctx.body.type, hasRaw: ctx.rawBody.length > 0 };\n}"_s);
    QVERIFY2(form->testScript(), qPrintable(form->scriptOutput()->toPlainText()));
    QVERIFY(form->scriptOutput()->isVisibleTo(form));
    const QJsonObject out = QJsonDocument::fromJson(form->scriptOutput()->toPlainText().toUtf8()).object();
    QVERIFY(!out.value(u"type"_s).toString().isEmpty());
    QCOMPARE(out.value(u"hasRaw"_s), QJsonValue(true));
    // Errors carry the line number.
    form->scriptEditor()->setPlainText(u"function main(ctx) {\n  return ctx.nothing.at.all;\n}"_s);
    QVERIFY(!form->testScript());
    QVERIFY2(form->scriptOutput()->toPlainText().contains(u"line 2"_s),
             qPrintable(form->scriptOutput()->toPlainText()));
    QCOMPARE(m_workspace->sourceConfig(u"billing"_s)->settings.preprocessScript, saved);
}

// Every edit of the form is one undo step; undo and redo show the values
// again in the widgets.
void TestMainWindow::settingsUndoRedo()
{
    SourcesPage *sources = m_window->sourcesPage();
    sources->selectSource(u"billing"_s);
    sources->showTab(SourcesPage::Tab::Settings);
    SourceSettingsForm *form = sources->settingsForm();
    QUndoStack *stack = form->undoStack();
    QCOMPARE(stack->count(), 0);
    const QString path = form->eventTypePath()->text();
    const int secrets = form->secrets()->count();
    form->eventTypePath()->clear();
    QTest::keyClicks(form->eventTypePath(), u"body.kind"_s); // typing: one step
    form->generateSecret();
    QCOMPARE(stack->count(), 2);
    QCOMPARE(form->secrets()->count(), secrets + 1);
    stack->undo();
    QCOMPARE(form->secrets()->count(), secrets);
    QCOMPARE(form->eventTypePath()->text(), u"body.kind"_s);
    stack->undo();
    QCOMPARE(form->eventTypePath()->text(), path);
    QVERIFY(!form->document()->isModified());
    stack->redo();
    QCOMPARE(form->eventTypePath()->text(), u"body.kind"_s);
    stack->redo();
    QCOMPARE(form->secrets()->count(), secrets + 1);
    QCOMPARE(form->edited().settings.eventTypePath, u"body.kind"_s);
    stack->undo();
    stack->undo();
    QCOMPARE(form->edited().settings.eventTypePath, path);
    QCOMPARE(form->edited().settings.verification.secrets.size(), secrets);
}

// Script variables: added in the table, a secret one masked until revealed,
// saved with the source, and seen by "Test script" before saving.
void TestMainWindow::settingsScriptVars()
{
    SourcesPage *sources = m_window->sourcesPage();
    sources->selectSource(u"billing"_s);
    sources->showTab(SourcesPage::Tab::Settings);
    SourceSettingsForm *form = sources->settingsForm();
    ScriptVarsEditor *vars = form->varsEditor();
    QTableWidget *table = vars->table();
    const int rows = table->rowCount();
    const int steps = form->undoStack()->count();
    vars->addVariable();
    table->item(rows, ScriptVarsEditor::Name)->setText(u"api_token"_s);
    table->item(rows, ScriptVarsEditor::Value)->setText(u"s3cr3t-value"_s);
    table->item(rows, ScriptVarsEditor::Secret)->setCheckState(Qt::Checked);
    // Masked and not editable until revealed.
    QVERIFY(!table->item(rows, ScriptVarsEditor::Value)->text().contains(u"s3cr3t"_s));
    QVERIFY(!(table->item(rows, ScriptVarsEditor::Value)->flags() & Qt::ItemIsEditable));
    vars->setRevealed(true);
    QCOMPARE(table->item(rows, ScriptVarsEditor::Value)->text(), u"s3cr3t-value"_s);
    vars->setRevealed(false);
    vars->addVariable();
    table->item(rows + 1, ScriptVarsEditor::Name)->setText(u"limit"_s);
    table->item(rows + 1, ScriptVarsEditor::Value)->setText(u"5"_s);
    QVERIFY(form->undoStack()->count() > steps);

    QSignalSpy loaded(form, &SourceSettingsForm::sampleLoaded);
    QVERIFY(form->hasSample() || loaded.wait(10000));
    form->scriptEditor()->setPlainText(
        u"function main(ctx) {\n  return { token: ctx.vars.api_token, limit: ctx.vars.limit + 1 };\n}"_s);
    QVERIFY2(form->testScript(), qPrintable(form->scriptOutput()->toPlainText()));
    const QJsonObject out = QJsonDocument::fromJson(form->scriptOutput()->toPlainText().toUtf8()).object();
    QCOMPARE(out.value(u"token"_s).toString(), u"s3cr3t-value"_s);
    QCOMPARE(out.value(u"limit"_s).toInt(), 6);

    form->scriptEditor()->setPlainText(m_workspace->sourceConfig(u"billing"_s)->settings.preprocessScript);
    QString error;
    QVERIFY2(form->save(&error), qPrintable(error));
    const SourceSettings &saved = m_workspace->sourceConfig(u"billing"_s)->settings;
    QCOMPARE(saved.scriptVars.value(u"api_token"_s).toString(), u"s3cr3t-value"_s);
    QCOMPARE(saved.scriptVars.value(u"limit"_s).toInt(), 5);
    QVERIFY(saved.secretScriptVars.contains(u"api_token"_s));
    QVERIFY(!saved.secretScriptVars.contains(u"limit"_s));
    QCOMPARE(form->undoStack()->count(), 0); // saved: a new start
    // Shown again after the reload, still masked.
    bool masked = false;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, ScriptVarsEditor::Name)->text() == u"api_token")
            masked = !table->item(r, ScriptVarsEditor::Value)->text().contains(u"s3cr3t"_s);
    }
    QVERIFY(masked);
}

// "Test script" runs against the event the user picks among the recent ones.
void TestMainWindow::settingsTestScriptPicksTheEvent()
{
    SourcesPage *sources = m_window->sourcesPage();
    sources->selectSource(u"billing"_s);
    sources->showTab(SourcesPage::Tab::Settings);
    SourceSettingsForm *form = sources->settingsForm();
    QSignalSpy loaded(form, &SourceSettingsForm::sampleLoaded);
    QVERIFY(form->hasSample() || loaded.wait(10000));
    QVERIFY(form->sampleCount() > 1);
    form->scriptEditor()->setPlainText(u"function main(ctx) {\n  return { n: ctx.body.id };\n}"_s);
    const auto outputId = [form] {
        return QJsonDocument::fromJson(form->scriptOutput()->toPlainText().toUtf8()).object().value(u"n"_s);
    };
    QVERIFY2(form->testScript(), qPrintable(form->scriptOutput()->toPlainText()));
    const QJsonValue first = outputId();
    const QString firstEvent = form->sample().id;
    const int at = form->sampleIndex();
    form->showSample(at + 1); // an older one, as the [<] button does
    QCOMPARE(form->sampleIndex(), at + 1);
    QVERIFY(form->sample().id != firstEvent);
    form->testScript();
    const QString body = QString::fromUtf8(form->sample().body);
    QCOMPARE(outputId(), QJsonDocument::fromJson(body.toUtf8()).object().value(u"id"_s));
    form->showSample(at);
    QCOMPARE(form->sample().id, firstEvent);
    QVERIFY(form->testScript());
    QCOMPARE(outputId(), first);
    form->scriptEditor()->setPlainText(m_workspace->sourceConfig(u"billing"_s)->settings.preprocessScript);
}

void TestMainWindow::pauseAndStatus()
{
    QVERIFY(m_window->statusText().contains(u"ev/s"_s));
    m_engine->setPaused(true);
    QVERIFY(m_window->statusText().contains(u"paused"_s));
    m_engine->setPaused(false);
}

void TestMainWindow::screenshots()
{
    QTemporaryDir out;
    Screenshotter shooter(m_window.get(), out.path());
    QString error;
    const QStringList files = shooter.run(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(files.size(), Screenshotter::fileNames().size());
    for (const QString &name : Screenshotter::fileNames()) {
        const QImage image(QDir(out.path()).filePath(name));
        QCOMPARE(image.size(), QSize(1280, 800));
    }
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
