//! Recording predictions in the caller's transaction, one (`add`) or a million (`import`).
//!
//! A recorder remembers every forecaster, tag, source and question it has looked up or
//! written, so a long import asks the ledger about each once, and journals every row from the
//! values it bound, keeping the chain head in memory. Nothing else may write to the ledger
//! while a recorder is in use: the caller's IMMEDIATE transaction sees to that.

use std::rc::Rc;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params, CachedStatement, Connection, OptionalExtension};
use rustc_hash::FxHashMap as HashMap;

use super::journal::Appender;
use super::predictions::{check_same_deadline, verified_offset, RecordedPrediction};
use super::{clean, now_timestamp, resolutions, sources};
use super::{NewPrediction, NewResolution, NewSource, QuestionRef, Source};
use crate::model::{format_date, parse_date, reject_nul, today, Outcome};
use crate::text::fold_whitespace;

/// What the recorder knows of a question.
struct Question {
    id: i64,
    resolve_by: Option<String>,
    /// The resolution that counts: its outcome and date.
    resolution: Option<(Outcome, String)>,
    tag_ids: Vec<i64>,
}

/// Which tables held rows when the recorder started. A table that was empty holds only what
/// the recorder wrote, so a name it has not seen is new without asking the ledger: an import
/// into a new ledger makes no lookups at all.
struct Held {
    forecasters: bool,
    tags: bool,
    sources: bool,
    questions: bool,
}

/// The tables whose rows are a unique name.
#[derive(Clone, Copy)]
enum Named {
    Forecasters,
    Tags,
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Named::Forecasters => "forecasters",
            Named::Tags => "tags",
        }
    }

    fn find_sql(self) -> &'static str {
        match self {
            Named::Forecasters => "SELECT id FROM forecasters WHERE name = ?1",
            Named::Tags => "SELECT id FROM tags WHERE name = ?1",
        }
    }

    fn insert_sql(self) -> &'static str {
        match self {
            Named::Forecasters => "INSERT INTO forecasters (name, created_at) VALUES (?1, ?2)",
            Named::Tags => "INSERT INTO tags (name) VALUES (?1)",
        }
    }
}

/// Records one prediction, creating its question and forecaster when they are new.
/// `user` is who is at the keyboard: the forecaster when neither `--by` nor a source author says.
pub fn record(conn: &Connection, new: &NewPrediction, user: &str) -> Result<RecordedPrediction> {
    Recorder::new(conn, user)?.record(new)
}

pub struct Recorder<'c> {
    conn: &'c Connection,
    user: Rc<str>,
    /// One moment for every row: they become visible together, when the transaction commits.
    created_at: String,
    today: NaiveDate,
    /// The import every prediction recorded belongs to (see `ledger::imports`).
    import_id: Option<i64>,
    journal: Appender<'c>,
    held: Held,
    forecasters: HashMap<String, i64>,
    tags: HashMap<String, i64>,
    sources: HashMap<i64, Rc<Source>>,
    /// Import's identity of a source: its title and url.
    source_ids: HashMap<(String, Option<String>), i64>,
    questions: Vec<Question>,
    question_by_key: HashMap<Box<str>, usize>,
    question_by_id: HashMap<i64, usize>,
    insert_prediction: CachedStatement<'c>,
    insert_question: CachedStatement<'c>,
    insert_link: CachedStatement<'c>,
    find_question: CachedStatement<'c>,
}

/// What [`Recorder::source`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRef {
    pub id: i64,
    pub new: bool,
}

fn integer(value: Option<i64>) -> ValueRef<'static> {
    value.map_or(ValueRef::Null, ValueRef::Integer)
}

impl<'c> Recorder<'c> {
    /// `user` is who is at the keyboard: the forecaster when neither the prediction nor its
    /// source's author names one, and who resolves what an import resolves.
    pub fn new(conn: &'c Connection, user: &str) -> Result<Self> {
        let held = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM forecasters), EXISTS (SELECT 1 FROM tags),
                    EXISTS (SELECT 1 FROM sources), EXISTS (SELECT 1 FROM questions)",
            [],
            |row| {
                Ok(Held {
                    forecasters: row.get(0)?,
                    tags: row.get(1)?,
                    sources: row.get(2)?,
                    questions: row.get(3)?,
                })
            },
        )?;
        Ok(Self {
            conn,
            user: Rc::from(user),
            created_at: now_timestamp(),
            today: today(),
            import_id: None,
            journal: Appender::new(conn)?,
            held,
            forecasters: HashMap::default(),
            tags: HashMap::default(),
            sources: HashMap::default(),
            source_ids: HashMap::default(),
            questions: Vec::new(),
            question_by_key: HashMap::default(),
            question_by_id: HashMap::default(),
            insert_prediction: conn.prepare_cached(
                "INSERT INTO predictions
                   (question_id, forecaster_id, source_id, probability, phrase, scale, made_on,
                    quote, note, created_at, scale_version, quote_offset, import_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            insert_question: conn.prepare_cached(
                "INSERT INTO questions (statement, statement_key, resolve_by, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
            insert_link: conn.prepare_cached(
                "INSERT INTO question_tags (question_id, tag_id) VALUES (?1, ?2)",
            )?,
            find_question: conn
                .prepare_cached("SELECT id FROM questions WHERE statement_key = ?1")?,
        })
    }

    /// Marks every prediction recorded from now on as brought in by import `id`.
    pub fn importing(&mut self, id: i64) {
        self.import_id = Some(id);
    }

    /// Records one prediction, creating its question and forecaster when they are new.
    pub fn record(&mut self, new: &NewPrediction) -> Result<RecordedPrediction> {
        let source = new.source_id.map(|id| self.source_by_id(id)).transpose()?;
        let source_published = match source.as_ref().and_then(|s| s.published.as_deref()) {
            Some(text) => Some(parse_date(text)?),
            None => None,
        };
        let made_on = new.made_on.or(source_published).unwrap_or(self.today);
        if made_on > self.today {
            bail!("made_on '{}' is in the future", format_date(made_on));
        }
        let user = Rc::clone(&self.user);
        let forecaster = new
            .forecaster
            .as_deref()
            .or(source.as_ref().and_then(|s| s.author.as_deref()))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .unwrap_or(&user);
        if forecaster.trim().is_empty() {
            bail!("no forecaster: pass --by NAME or set $FLEDGER_USER");
        }

        let (slot, new_question) = match &new.question {
            QuestionRef::Existing(id) => (self.question_by_id(*id)?, false),
            QuestionRef::Statement(statement) => self.question(statement, new.resolve_by)?,
        };
        let made_on = format_date(made_on);
        let question = &self.questions[slot];
        let question_id = question.id;
        if !new_question {
            check_same_deadline(question_id, question.resolve_by.as_deref(), new.resolve_by)?;
            if let Some((outcome, resolved_on)) = &question.resolution {
                if made_on > *resolved_on {
                    bail!(
                        "made_on '{made_on}' is after question {question_id}'s recorded outcome ({outcome} on {resolved_on}): a forecast made once the answer was known is hindsight"
                    );
                }
            }
        }

        let quote = clean(new.quote.as_deref());
        let quote_offset = match (quote, source.as_deref()) {
            (Some(quote), Some(source)) => verified_offset(source, quote)?,
            _ => None,
        };
        let forecaster_id = self.forecaster_id(forecaster)?;
        let phrase = clean(new.phrase.as_deref());
        let scale = phrase.and(new.scale.as_deref());
        let scale_version = scale.and(new.scale_version.as_deref());
        let note = clean(new.note.as_deref());
        let probability = new.probability.value();
        self.insert_prediction
            .execute(params![
                question_id,
                forecaster_id,
                new.source_id,
                probability,
                phrase,
                scale,
                made_on,
                quote,
                note,
                self.created_at,
                scale_version,
                quote_offset,
                self.import_id,
            ])
            .context("cannot store the prediction")?;
        let prediction_id = self.conn.last_insert_rowid();
        self.journal.append(
            "predictions",
            &[prediction_id],
            &[
                ValueRef::Integer(question_id),
                ValueRef::Integer(forecaster_id),
                integer(new.source_id),
                ValueRef::Real(probability),
                ValueRef::from(phrase),
                ValueRef::from(scale),
                ValueRef::from(made_on.as_str()),
                ValueRef::from(quote),
                ValueRef::from(note),
                ValueRef::from(self.created_at.as_str()),
                ValueRef::from(scale_version),
                integer(quote_offset),
                integer(self.import_id),
            ],
        )?;
        self.add_tags(slot, &new.tags)?;
        Ok(RecordedPrediction {
            question_id,
            prediction_id,
            new_question,
        })
    }

    /// The source with import's identity (the same title and url, a missing url matching only
    /// a missing url), added when there is none.
    pub fn source(&mut self, new: &NewSource) -> Result<SourceRef> {
        let key = (
            new.title.trim().to_string(),
            clean(new.url.as_deref()).map(str::to_string),
        );
        if let Some(&id) = self.source_ids.get(&key) {
            return Ok(SourceRef { id, new: false });
        }
        let found = match self.held.sources {
            true => sources::find_by_title_url(self.conn, &key.0, key.1.as_deref())?,
            false => None,
        };
        let found = match found {
            Some(id) => SourceRef { id, new: false },
            None => {
                let added =
                    sources::insert_journaled(self.conn, &mut self.journal, new, &self.created_at)?;
                SourceRef {
                    id: added.id,
                    new: !added.already_archived,
                }
            }
        };
        self.source_ids.insert(key, found.id);
        Ok(found)
    }

    /// Records a question's outcome if it has none yet; one already recorded must agree.
    /// Returns whether a resolution was written.
    pub fn resolve_unless_resolved(
        &mut self,
        question_id: i64,
        outcome: Outcome,
        resolved_on: NaiveDate,
        evidence: Option<&str>,
    ) -> Result<bool> {
        let slot = self.question_by_id(question_id)?;
        let on = format_date(resolved_on);
        if let Some((existing, existing_on)) = &self.questions[slot].resolution {
            if *existing != outcome || *existing_on != on {
                bail!(
                    "outcome '{outcome}' on {on} disagrees with question {question_id}'s recorded outcome ({existing} on {existing_on}); correct it with `fledger resolve --reason`"
                );
            }
            return Ok(false);
        }
        resolutions::not_in_future(resolved_on)?;
        resolutions::write(
            self.conn,
            &mut self.journal,
            &NewResolution {
                question_id,
                outcome,
                resolved_on,
                evidence: evidence.map(str::to_string),
                resolved_by: self.user.to_string(),
                reason: None,
            },
            &self.created_at,
        )?;
        self.questions[slot].resolution = Some((outcome, on));
        Ok(true)
    }

    fn source_by_id(&mut self, id: i64) -> Result<Rc<Source>> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Rc::clone(source));
        }
        let source = Rc::new(sources::get(self.conn, id)?);
        self.sources.insert(id, Rc::clone(&source));
        Ok(source)
    }

    /// The question with this statement (whitespace folded), created when there is none;
    /// `true` when it was created.
    fn question(
        &mut self,
        statement: &str,
        resolve_by: Option<NaiveDate>,
    ) -> Result<(usize, bool)> {
        let key = fold_whitespace(statement);
        if let Some(&slot) = self.question_by_key.get(key.as_str()) {
            return Ok((slot, false));
        }
        if self.held.questions {
            let found: Option<i64> = self
                .find_question
                .query_row([&key], |row| row.get(0))
                .optional()?;
            if let Some(id) = found {
                return Ok((self.load_question(id)?, false));
            }
        }
        reject_nul(statement).context("statement")?;
        if key.is_empty() {
            bail!("the statement is empty");
        }
        let resolve_by = resolve_by.map(format_date);
        self.insert_question.execute(params![
            statement.trim(),
            key,
            resolve_by,
            self.created_at
        ])?;
        let id = self.conn.last_insert_rowid();
        self.journal.append(
            "questions",
            &[id],
            &[
                ValueRef::from(statement.trim()),
                ValueRef::from(key.as_str()),
                ValueRef::from(resolve_by.as_deref()),
                ValueRef::from(self.created_at.as_str()),
            ],
        )?;
        let slot = self.remember(
            key.into_boxed_str(),
            Question {
                id,
                resolve_by,
                resolution: None,
                tag_ids: Vec::new(),
            },
        );
        Ok((slot, true))
    }

    fn question_by_id(&mut self, id: i64) -> Result<usize> {
        match self.question_by_id.get(&id) {
            Some(&slot) => Ok(slot),
            None => self.load_question(id),
        }
    }

    /// Reads a question the ledger held before this recorder: its deadline, current
    /// resolution and tags.
    fn load_question(&mut self, id: i64) -> Result<usize> {
        let found: Option<(String, Option<String>)> = self
            .conn
            .prepare_cached("SELECT statement_key, resolve_by FROM questions WHERE id = ?1")?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let Some((key, resolve_by)) = found else {
            bail!("no question with id {id} (see `fledger list`)");
        };
        let resolution = resolutions::current(self.conn, id)?
            .map(|resolution| (resolution.outcome, resolution.resolved_on));
        let tag_ids = self
            .conn
            .prepare_cached("SELECT tag_id FROM question_tags WHERE question_id = ?1")?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(self.remember(
            key.into_boxed_str(),
            Question {
                id,
                resolve_by,
                resolution,
                tag_ids,
            },
        ))
    }

    fn remember(&mut self, key: Box<str>, question: Question) -> usize {
        let slot = self.questions.len();
        self.question_by_id.insert(question.id, slot);
        self.question_by_key.insert(key, slot);
        self.questions.push(question);
        slot
    }

    fn forecaster_id(&mut self, name: &str) -> Result<i64> {
        let name = name.trim();
        reject_nul(name).context("forecaster")?;
        self.named_id(Named::Forecasters, name)
    }

    fn add_tags(&mut self, slot: usize, tags: &[String]) -> Result<()> {
        for tag in tags {
            let name = super::questions::normalize_tag(tag)?;
            let tag_id = self.named_id(Named::Tags, &name)?;
            let question = &mut self.questions[slot];
            if question.tag_ids.contains(&tag_id) {
                continue;
            }
            question.tag_ids.push(tag_id);
            let question_id = question.id;
            self.insert_link.execute(params![question_id, tag_id])?;
            self.journal
                .append("question_tags", &[question_id, tag_id], &[])?;
        }
        Ok(())
    }

    /// The id of the forecaster or tag with this name, added when there is none.
    fn named_id(&mut self, kind: Named, name: &str) -> Result<i64> {
        let (known, held) = match kind {
            Named::Forecasters => (&self.forecasters, self.held.forecasters),
            Named::Tags => (&self.tags, self.held.tags),
        };
        if let Some(&id) = known.get(name) {
            return Ok(id);
        }
        let existing: Option<i64> = match held {
            true => self
                .conn
                .prepare_cached(kind.find_sql())?
                .query_row([name], |row| row.get(0))
                .optional()?,
            false => None,
        };
        let id = match existing {
            Some(id) => id,
            None => {
                // The columns in JOURNALED order, bound and journaled alike.
                let row = [
                    ValueRef::from(name),
                    ValueRef::from(self.created_at.as_str()),
                ];
                let row = match kind {
                    Named::Forecasters => &row[..],
                    Named::Tags => &row[..1],
                };
                self.conn.prepare_cached(kind.insert_sql())?.execute(
                    rusqlite::params_from_iter(
                        row.iter()
                            .map(|value| rusqlite::types::ToSqlOutput::Borrowed(*value)),
                    ),
                )?;
                let id = self.conn.last_insert_rowid();
                self.journal.append(kind.table(), &[id], row)?;
                id
            }
        };
        match kind {
            Named::Forecasters => self.forecasters.insert(name.to_string(), id),
            Named::Tags => self.tags.insert(name.to_string(), id),
        };
        Ok(id)
    }
}
