#pragma once

#include <QObject>
#include <QString>

namespace inlet {

class MainWindow;

// `inlet --screenshot DIR`: shows each main view at 1280x800 with the first
// source and the newest event selected, waits for its background queries,
// and saves DIR/<view>.png. Works on the offscreen platform.
class Screenshotter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Screenshotter)
public:
    Screenshotter(MainWindow *window, QString directory, QObject *parent = nullptr);

    // Renders every view; returns the files written.
    QStringList run(QString *error);
    static const QStringList &fileNames();

private:
    static void settle(int ms); // lets queued results arrive and repaint
    bool save(const QString &name, QString *error);

    MainWindow *m_window;
    QString m_directory;
};

} // namespace inlet
