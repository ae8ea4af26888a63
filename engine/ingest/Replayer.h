#pragma once

#include "config/ConfigSnapshot.h"
#include "logs/ActionRecord.h"
#include "logs/EventRecord.h"

#include <QSqlDatabase>

namespace inlet {

class UlidGenerator;

// Replays logged events and rehearses payloads, on any connection (the CLI's
// or the GUI's), safely beside a running engine: processing takes SQLite's
// write lock first and only touches events still `accepted`.
class Replayer final
{
public:
    Replayer(QSqlDatabase db, UlidGenerator &ids);

    struct Result
    {
        EventRecord event;
        QList<ActionRecord> actions;
    };

    // Logs a new event (origin `replay`, linked to the original) with the
    // original's headers and body, processes it against `config` and returns
    // the outcome. Verification is not repeated: the original's result is kept.
    std::optional<Result> replay(const QString &eventId, const ConfigSnapshot &config, QString *error);

    // Runs `payload` ({"body":..., "headers":...} or a bare body) through the
    // source configuration's mappings inside a transaction that is rolled
    // back: reports what each action would do and changes nothing.
    std::optional<Result> rehearse(const QString &source, const QString &env, const QJsonObject &payload,
                                   const ConfigSnapshot &config, QString *error);

    // Rehearses a logged event against `config` (e.g. unsaved mappings).
    std::optional<Result> rehearseEvent(const EventRecord &event, const ConfigSnapshot &config, QString *error);

private:
    QSqlDatabase m_db;
    UlidGenerator &m_ids;
};

} // namespace inlet
