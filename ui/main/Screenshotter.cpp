#include "ui/main/Screenshotter.h"

#include "models/data/StoreTableModel.h"
#include "models/log/EventLogModel.h"
#include "ui/data/DataPage.h"
#include "ui/logs/ActionLogPage.h"
#include "ui/logs/EventLogPage.h"
#include "ui/main/MainWindow.h"
#include "ui/mapping/MappingEditor.h"
#include "ui/sources/SourcesPage.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

Screenshotter::Screenshotter(MainWindow *window, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{}

const QStringList &Screenshotter::fileNames()
{
    static const QStringList names = {
        u"overview.png"_s,   u"sources.png"_s, u"source-settings.png"_s, u"mapping-editor.png"_s, u"event-log.png"_s,
        u"action-log.png"_s, u"data.png"_s};
    return names;
}

void Screenshotter::settle(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
}

bool Screenshotter::save(const QString &name, QString *error)
{
    settle(600);
    const QString path = QDir(m_directory).filePath(name);
    if (!m_window->grab().save(path)) {
        if (error)
            *error = tr("cannot write %1").arg(path);
        return false;
    }
    return true;
}

QStringList Screenshotter::run(QString *error)
{
    QStringList written;
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = tr("cannot create %1").arg(m_directory);
        return written;
    }
    m_window->resize(1280, 800);
    m_window->show();
    settle(800);
    const auto shot = [&](const QString &name) {
        if (save(name, error))
            written.append(QDir(m_directory).filePath(name));
    };
    m_window->showPage(MainWindow::Page::Overview);
    shot(u"overview.png"_s);

    SourcesPage *sources = m_window->sourcesPage();
    m_window->showPage(MainWindow::Page::Sources);
    sources->showTab(SourcesPage::Tab::Logs);
    settle(300);
    sources->logs()->selectFirst();
    shot(u"sources.png"_s);
    sources->showTab(SourcesPage::Tab::Settings);
    shot(u"source-settings.png"_s);
    sources->showTab(SourcesPage::Tab::Mappings);
    // The busiest configured type shows the most: pick the first with mappings.
    settle(300);
    shot(u"mapping-editor.png"_s);

    m_window->showPage(MainWindow::Page::EventLog);
    settle(300);
    m_window->eventLogPage()->selectFirst();
    shot(u"event-log.png"_s);

    m_window->showPage(MainWindow::Page::ActionLog);
    settle(300);
    m_window->actionLogPage()->selectFirst();
    shot(u"action-log.png"_s);

    m_window->showPage(MainWindow::Page::Data);
    settle(300);
    m_window->dataPage()->selectFirst();
    shot(u"data.png"_s);
    return written;
}

} // namespace inlet
