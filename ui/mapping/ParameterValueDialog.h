#pragma once

#include "models/mapping/ParameterForms.h"

#include <QDialog>
#include <QJsonValue>

class QAbstractItemModel;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace inlet {

// Asks for one form of a parameter value (a literal, a template, a list of
// alternatives, a path with a default), prefilled from what is configured,
// and checks it compiles (ValueSpec) before it can be accepted.
class ParameterValueDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParameterValueDialog)
public:
    ParameterValueDialog(ParameterForms::Form form, const QString &name, const QJsonValue &configured,
                         QAbstractItemModel *paths, QWidget *parent = nullptr);

    ParameterForms::Form form() const { return m_form; }
    // The configuration value the fields describe.
    QJsonValue value() const;
    // The parts, as MappingDocument's commands take them.
    QJsonValue literal() const;
    QString templateText() const;
    QStringList coalesceItems() const;
    QString path() const;
    QJsonValue fallback() const;

    QLineEdit *mainField() const { return m_main; }
    QLineEdit *defaultField() const { return m_default; }
    QPlainTextEdit *itemsField() const { return m_items; }

private:
    void validate();

    ParameterForms::Form m_form;
    QLineEdit *m_main = nullptr;
    QLineEdit *m_default = nullptr;
    QPlainTextEdit *m_items = nullptr;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace inlet
