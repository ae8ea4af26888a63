#pragma once

#include <QJsonArray>
#include <QWidget>

class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace inlet {

// The preprocess script's `vars`: one row per variable (name, value, secret).
// Values are JSON when they parse as JSON (42, true, {"a": 1}, "quoted"),
// else plain text. Secret values are masked until revealed, and not
// editable while masked. A secret whose value the configuration does not
// hold shows "(kept)" and keeps its stored value on save.
class ScriptVarsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptVarsEditor)
public:
    enum Column { Name, Value, Secret, ColumnCount };

    explicit ScriptVarsEditor(QWidget *parent = nullptr);

    // The SourceSettingsDocument::vars() shape: [{"name", "value", "secret", "stored"}].
    void setVars(const QJsonArray &vars);
    QJsonArray vars() const;
    QTableWidget *table() const { return m_table; }
    void addVariable(); // a new row, its name being edited
    void removeCurrent();
    void setRevealed(bool revealed);
    bool isRevealed() const { return m_revealed; }

Q_SIGNALS:
    void edited(const QJsonArray &vars);

private:
    void addRow(const QJsonObject &var);
    void showValue(int row);
    void onItemChanged(QTableWidgetItem *item);

    QTableWidget *m_table;
    QPushButton *m_reveal;
    bool m_revealed = false;
    bool m_updating = false;
};

} // namespace inlet
