#include "ui/logs/EventDetailPane.h"

#include "ingest/Engine.h"
#include "ingest/Replayer.h"
#include "logs/EventLog.h"
#include "models/app/Workspace.h"
#include "models/db/SqlWorker.h"
#include "models/json/JsonTreeModel.h"
#include "models/log/CurlCommand.h"
#include "models/log/StatusStyle.h"
#include "ui/widgets/JsonTreeView.h"
#include "util/JsonIndent.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

EventDetailPane::EventDetailPane(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabWidget(this))
    , m_overview(new QTextBrowser(this))
    , m_bodyModel(new JsonTreeModel(this))
    , m_bodyTree(new JsonTreeView(this))
    , m_raw(new QPlainTextEdit(this))
    , m_pretty(new QCheckBox(tr("Pretty"), this))
    , m_headersModel(new JsonTreeModel(this))
    , m_preprocess(new QPlainTextEdit(this))
    , m_actionsTree(new QTreeWidget(this))
    , m_rehearsalTree(new QTreeWidget(this))
    , m_replay(new QPushButton(tr("Replay"), this))
    , m_rehearse(new QPushButton(tr("Rehearse"), this))
    , m_curl(new QPushButton(tr("Copy as curl"), this))
    , m_message(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs->setDocumentMode(true);
    auto *buttons = new QWidget(this);
    auto *bl = new QHBoxLayout(buttons);
    bl->setContentsMargins(0, 0, 4, 0);
    bl->addWidget(m_message);
    bl->addWidget(m_replay);
    m_rehearse->setToolTip(tr("Run this event through the current configuration without executing anything"));
    bl->addWidget(m_rehearse);
    bl->addWidget(m_curl);
    m_tabs->setCornerWidget(buttons, Qt::TopRightCorner);
    layout->addWidget(m_tabs);

    m_overview->setOpenLinks(false);
    connect(m_overview, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == u"event")
            Q_EMIT openEvent(url.path());
    });
    m_tabs->addTab(m_overview, tr("Overview"));

    auto *body = new QSplitter(Qt::Horizontal, this);
    m_bodyTree->setModel(m_bodyModel);
    body->addWidget(m_bodyTree);
    auto *rawBox = new QWidget(body);
    auto *rl = new QVBoxLayout(rawBox);
    rl->setContentsMargins(0, 0, 0, 0);
    m_pretty->setChecked(true);
    rl->addWidget(m_pretty);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    rl->addWidget(m_raw);
    body->addWidget(rawBox);
    m_tabs->addTab(body, tr("Body"));
    connect(m_pretty, &QCheckBox::toggled, this, &EventDetailPane::updateRaw);

    auto *headers = new JsonTreeView(this);
    headers->setModel(m_headersModel);
    m_tabs->addTab(headers, tr("Headers"));
    m_preprocess->setReadOnly(true);
    m_preprocess->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_preprocess, tr("Preprocess"));
    m_actionsTree->setHeaderLabels({tr("Action"), tr("Status"), tr("Detail")});
    m_actionsTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_actionsTree->setToolTip(tr("Double-click an action to open it in the action log"));
    m_tabs->addTab(m_actionsTree, tr("Actions"));
    connect(m_actionsTree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        while (item && item->parent())
            item = item->parent();
        Q_EMIT openActions(m_event.id, item ? item->data(0, Qt::UserRole).toString() : QString());
    });
    m_rehearsalTree->setHeaderLabels({tr("Action"), tr("Would be"), tr("Detail")});
    m_rehearsalTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_rehearsalTree, tr("Rehearsal"));
    connect(m_rehearse, &QPushButton::clicked, this, &EventDetailPane::rehearse);

    connect(m_replay, &QPushButton::clicked, this, &EventDetailPane::replay);
    connect(m_curl, &QPushButton::clicked, this, &EventDetailPane::copyAsCurl);
    clear();
}

void EventDetailPane::clear()
{
    ++m_generation;
    m_event = EventRecord();
    m_actions.clear();
    m_overview->setHtml(u"<p>"_s + tr("Select an event to see its detail.").toHtmlEscaped() + u"</p>"_s);
    m_bodyModel->setDocument(QJsonValue());
    m_headersModel->setDocument(QJsonValue());
    m_raw->clear();
    m_preprocess->clear();
    m_actionsTree->clear();
    m_rehearsalTree->clear();
    m_tabs->setTabText(5, tr("Rehearsal"));
    m_replay->setEnabled(false);
    m_rehearse->setEnabled(false);
    m_curl->setEnabled(false);
    m_tabs->setTabText(4, tr("Actions"));
}

void EventDetailPane::loadEvent(const QString &id)
{
    const int generation = ++m_generation;
    m_workspace->worker()->run<Loaded>(
        this,
        [id](QSqlDatabase &db) {
            Loaded l;
            if (!db.isValid())
                return l;
            EventLog log(db);
            l.event = log.event(id);
            l.actions = log.actionsForEvent(id);
            return l;
        },
        [this, generation](Loaded l) {
            if (generation == m_generation)
                present(l);
        });
}

void EventDetailPane::present(const Loaded &l)
{
    if (!l.event) {
        clear();
        return;
    }
    m_event = *l.event;
    m_actions = l.actions;
    const EventRecord &e = m_event;
    const auto row = [](const QString &label, const QString &value) -> QString {
        return u"<tr><td style='padding-right:12px'><b>"_s + label.toHtmlEscaped() + u"</b></td><td>"_s + value +
               u"</td></tr>"_s;
    };
    const auto chip = [](const QString &status) -> QString {
        return u"<span style='color:%1'>\u25a0</span> %2"_s.arg(statusstyle::color(status).name(),
                                                                status.toHtmlEscaped());
    };
    QString html = u"<table>"_s;
    html += row(tr("Status"),
                chip(e.status) +
                    (e.statusDetail.isEmpty() ? QString() : QString(u": "_s + e.statusDetail.toHtmlEscaped())));
    html +=
        row(tr("Verification"),
            chip(e.verificationStatus) +
                (e.verificationReason.isEmpty() ? QString() : QString(u": "_s + e.verificationReason.toHtmlEscaped())));
    QString idem = e.idempotencyKey.isEmpty() ? tr("no key") : e.idempotencyKey.toHtmlEscaped();
    if (!e.replayOf.isEmpty())
        idem += u" \u2014 "_s + (e.status == u"idempotent" ? tr("replays") : tr("replay of")) +
                u" <a href='event:%1'>%1</a>"_s.arg(e.replayOf.toHtmlEscaped());
    html += row(tr("Idempotency"), idem);
    html += row(tr("Event type"), e.eventType.isEmpty() ? u"-"_s : e.eventType.toHtmlEscaped());
    html += row(tr("Source"), e.source.toHtmlEscaped() + u" ("_s + e.env.toHtmlEscaped() + u")"_s);
    html += row(tr("Received"), statusstyle::formatTime(e.receivedAt) + u" \u00b7 "_s + e.origin.toHtmlEscaped() +
                                    u" \u00b7 "_s + e.remoteAddress.toHtmlEscaped());
    html += row(tr("Request"),
                QString(e.method + u" "_s + e.path).toHtmlEscaped() + u" \u00b7 "_s + tr("%1 bytes").arg(e.size));
    if (e.processingMs >= 0)
        html += row(tr("Processing"), tr("%1 ms").arg(e.processingMs, 0, 'f', 2));
    html += row(tr("Id"), e.id.toHtmlEscaped());
    html += u"</table>"_s;
    m_overview->setHtml(html);

    const QJsonDocument doc = QJsonDocument::fromJson(e.body);
    m_bodyModel->setDocument(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), u"body"_s);
    m_bodyTree->expandToDepth(1);
    m_headersModel->setDocument(e.headers, u"headers"_s);
    updateRaw();
    m_preprocess->setPlainText(e.preprocessOutput.isEmpty()
                                   ? tr("(no preprocess output)")
                                   : QString::fromUtf8(QJsonDocument(e.preprocessOutput).toJson()));
    fillActions(m_actionsTree, m_actions);
    m_rehearsalTree->clear();
    m_tabs->setTabText(5, tr("Rehearsal"));
    m_tabs->setTabText(4, tr("Actions (%1)").arg(m_actions.size()));
    m_replay->setEnabled(e.status != u"rejected" && m_workspace->engine());
    m_rehearse->setEnabled(e.status != u"rejected" && m_workspace->engine());
    m_curl->setEnabled(true);
    m_message->clear();
    Q_EMIT loaded();
}

void EventDetailPane::updateRaw()
{
    if (m_event.id.isEmpty())
        return;
    const QByteArray bytes = m_event.body;
    if (m_pretty->isChecked()) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        // Indented as sent: members in the sender's order, as in the raw form.
        m_raw->setPlainText(QString::fromUtf8(doc.isNull() ? bytes : JsonIndent::indent(bytes)));
    } else {
        m_raw->setPlainText(QString::fromUtf8(bytes));
    }
}

QString EventDetailPane::overviewText() const
{
    return m_overview->toPlainText();
}

QString EventDetailPane::bodyText() const
{
    return m_raw->toPlainText();
}

void EventDetailPane::copyAsCurl()
{
    if (!m_event.id.isEmpty())
        QApplication::clipboard()->setText(curlcommand::build(m_event, m_workspace->baseUrl()));
}

void EventDetailPane::copyAsJson()
{
    if (!m_event.id.isEmpty())
        QApplication::clipboard()->setText(QString::fromUtf8(QJsonDocument(m_event.toJson(true)).toJson()));
}

void EventDetailPane::replay()
{
    Engine *engine = m_workspace->engine();
    if (!engine || m_event.id.isEmpty())
        return;
    const std::shared_ptr<const ConfigSnapshot> snapshot = engine->config().current();
    const QString id = m_event.id;
    UlidGenerator *ids = &engine->ids();
    m_replay->setEnabled(false);
    m_message->setText(tr("Replaying..."));
    struct Outcome
    {
        QString id;
        QString error;
    };
    m_workspace->worker()->run<Outcome>(
        this,
        [snapshot, id, ids](QSqlDatabase &db) {
            Outcome o;
            Replayer replayer(db, *ids);
            const std::optional<Replayer::Result> r = replayer.replay(id, *snapshot, &o.error);
            if (r)
                o.id = r->event.id;
            return o;
        },
        [this](Outcome o) {
            m_replay->setEnabled(true);
            if (o.id.isEmpty()) {
                m_message->setText(tr("Replay failed: %1").arg(o.error));
                return;
            }
            m_message->setText(tr("Replayed as %1").arg(o.id));
            Q_EMIT replayed(o.id);
        });
}

void EventDetailPane::fillActions(QTreeWidget *tree, const QList<ActionRecord> &actions)
{
    tree->clear();
    for (const ActionRecord &a : actions) {
        auto *item = new QTreeWidgetItem(tree, {a.actionType, a.status, a.error});
        item->setData(0, Qt::UserRole, a.id);
        item->setIcon(1, [&] {
            QPixmap p(10, 10);
            p.fill(statusstyle::color(a.status));
            return QIcon(p);
        }());
        const auto child = [item](const QString &label, const QJsonObject &o) {
            auto *c = new QTreeWidgetItem(
                item, {label, QString(), QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))});
            c->setToolTip(2, QString::fromUtf8(QJsonDocument(o).toJson()));
        };
        child(tr("parameters"), a.actionParameters);
        child(tr("resolved"), a.actionPayload);
        child(tr("result"), a.actionResult);
    }
    tree->expandAll();
}

QString EventDetailPane::message() const
{
    return m_message->text();
}

void EventDetailPane::rehearse()
{
    Engine *engine = m_workspace->engine();
    if (!engine || m_event.id.isEmpty())
        return;
    const std::shared_ptr<const ConfigSnapshot> snapshot = engine->config().current();
    const EventRecord event = m_event;
    m_rehearse->setEnabled(false);
    m_message->setText(tr("Rehearsing..."));
    struct Outcome
    {
        std::optional<Replayer::Result> result;
        QString error;
    };
    const int generation = m_generation;
    m_workspace->worker()->run<Outcome>(
        this,
        [snapshot, event](QSqlDatabase &db) {
            Outcome o;
            static UlidGenerator ids; // nothing is written; ids only label the results
            Replayer replayer(db, ids);
            o.result = replayer.rehearseEvent(event, *snapshot, &o.error);
            return o;
        },
        [this, generation](Outcome o) {
            if (generation != m_generation)
                return; // another event is shown now
            m_rehearse->setEnabled(true);
            if (!o.result) {
                m_message->setText(tr("Rehearsal failed: %1").arg(o.error));
                return;
            }
            fillActions(m_rehearsalTree, o.result->actions);
            if (o.result->actions.isEmpty()) {
                new QTreeWidgetItem(m_rehearsalTree,
                                    {tr("(no action)"), o.result->event.status, o.result->event.statusDetail});
            }
            int problems = 0;
            for (const ActionRecord &a : std::as_const(o.result->actions))
                problems += statusstyle::isProblem(a.status) ? 1 : 0;
            m_tabs->setTabText(5, tr("Rehearsal (%1)").arg(o.result->actions.size()));
            m_tabs->setCurrentWidget(m_rehearsalTree);
            m_message->setText(tr("Rehearsed: %n action(s)", nullptr, int(o.result->actions.size())) + u", "_s +
                               tr("%n problem(s); nothing was executed", nullptr, problems));
            Q_EMIT rehearsed();
        });
}

} // namespace inlet
