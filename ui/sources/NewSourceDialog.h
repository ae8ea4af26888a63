#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;
class QTreeWidget;
class QPushButton;

namespace inlet {

struct Template;
class Workspace;

// "New source": a gallery of templates, then the connect page (description,
// default mappings to tick with a workflow picker on triggers, the key),
// then the first-run page with the ingest URL waiting for the first event.
class NewSourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewSourceDialog)
public:
    explicit NewSourceDialog(Workspace *workspace, QWidget *parent = nullptr);

    void chooseTemplate(const QString &key);
    bool create(QString *error);
    QString createdKey() const { return m_created; }
    QTreeWidget *mappings() const { return m_mappings; }
    QLineEdit *keyEdit() const { return m_key; }

private:
    void showConnect();
    void validate();

    Workspace *m_workspace;
    const Template *m_template = nullptr;
    QStackedWidget *m_pages;
    QListWidget *m_gallery;
    QLabel *m_description;
    QTreeWidget *m_mappings;
    QLineEdit *m_name;
    QLineEdit *m_key;
    QLabel *m_keyError;
    QLabel *m_url;
    QLabel *m_waiting;
    QPushButton *m_next;
    QString m_created;
};

} // namespace inlet
