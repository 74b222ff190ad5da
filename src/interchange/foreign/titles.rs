//! Other tools know a question by an id; fledger knows it by its statement. Two different
//! questions with the same title (a weekly "I go to the gym this week") would otherwise merge
//! into one: the second and later get the tool's id after the title, and the import says so.

use std::collections::HashMap;

use crate::text::fold_whitespace;

/// What the import reports for each question it renamed.
pub const RENAMED: &str =
    "renamed, questions whose title an earlier question in the file has (fledger knows a question by its statement)";

#[derive(Default)]
pub struct Titles {
    /// The tool's question key to the statement given to it.
    statements: HashMap<String, String>,
    /// A statement (spacing folded) to the key of the question that has it.
    owners: HashMap<String, String>,
}

impl Titles {
    /// The statement for the tool's question `key` titled `title`, and whether it had to be
    /// renamed (only the first time it is asked for). `label` names the question in the tool,
    /// such as "Metaculus question 41229".
    pub fn statement(
        &mut self,
        title: &str,
        key: &str,
        label: impl FnOnce() -> String,
    ) -> (String, bool) {
        if let Some(statement) = self.statements.get(key) {
            return (statement.clone(), false);
        }
        let taken = self.owners.contains_key(&fold_whitespace(title));
        let statement = if taken {
            format!("{} [{}]", title.trim(), label())
        } else {
            title.trim().to_string()
        };
        self.owners
            .insert(fold_whitespace(&statement), key.to_string());
        self.statements.insert(key.to_string(), statement.clone());
        (statement, taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_title_different_question_is_renamed_once() {
        let mut titles = Titles::default();
        assert_eq!(
            titles.statement("Gym this week?", "1", || "#1".into()),
            ("Gym this week?".to_string(), false)
        );
        assert_eq!(
            titles.statement("Gym  this week?", "2", || "#2".into()),
            ("Gym  this week? [#2]".to_string(), true)
        );
        assert_eq!(
            titles.statement("Gym this week?", "2", || unreachable!()),
            ("Gym  this week? [#2]".to_string(), false)
        );
        assert_eq!(
            titles.statement("Gym this week?", "1", || unreachable!()),
            ("Gym this week?".to_string(), false)
        );
    }
}
