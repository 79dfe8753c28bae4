//! Review rules as the session runs them: each account's rules from the review memory (the
//! sample's and a session-only account's for this session only), checked against the shown
//! list after its first paint, never before.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use roster_core::{Finding, RuleSettings, Rules, Verdict};
use roster_store::Changes;

use super::{now_ms, run_blocking, Session, Shown};
use crate::error::Result;
use crate::ipc::ListRules;

/// What the rules found in a shown list, each rule's verdict for each assistant, and what they
/// were run with: a refresh of the list checks only the assistants that changed.
pub(super) struct Found {
    settings: RuleSettings,
    languages: Vec<(String, String)>,
    invalid_zones: HashSet<String>,
    /// By position, each rule's verdict.
    verdicts: Vec<Vec<Verdict>>,
}

/// The rules' verdicts of a shown list, as far as known.
#[derive(Default)]
pub(super) struct Verdicts {
    /// Once the rules ran on this list (or on one with the same assistants in the same places).
    pub(super) found: Option<Arc<Found>>,
    /// What they found in the list this one refreshed, and for each position the position
    /// there of the same assistant (the same bytes), if any.
    pub(super) earlier: Option<(Arc<Found>, Vec<Option<u32>>)>,
}

impl Session {
    /// The rules of list `list_id`'s account and what they find in it. `invalid_zones` are the
    /// list's time zones the page's zone database does not know (the one it displays times
    /// with); they are kept for the list's later checks and exports. `None` when the list is no
    /// longer shown.
    pub async fn list_rules(
        &self,
        list_id: u64,
        invalid_zones: Vec<String>,
    ) -> Result<Option<ListRules>> {
        let Some(shown) = self.shown(list_id) else {
            return Ok(None);
        };
        *shown.invalid_zones.lock().unwrap() = invalid_zones.into_iter().collect();
        let settings = self.rule_settings(&shown).await?;
        self.list_rules_with(shown, settings).await.map(Some)
    }

    /// Keeps `settings` as the rules of list `list_id`'s account and answers what they find.
    pub async fn save_rules(
        &self,
        list_id: u64,
        settings: RuleSettings,
    ) -> Result<Option<ListRules>> {
        let settings = settings.checked()?;
        let Some(shown) = self.shown(list_id) else {
            return Ok(None);
        };
        let account = shown.account.id.clone();
        if shown.remembered() {
            let kept = settings.clone();
            self.memory
                .with(move |store| store.set_rule_settings(&account, &kept, now_ms()))
                .await?;
        } else {
            self.session_rules
                .lock()
                .unwrap()
                .insert(account, settings.clone());
        }
        self.list_rules_with(shown, settings).await.map(Some)
    }

    /// Every rule's finding, with the sentence that decided it, for the assistant at
    /// `position` of list `list_id`; `None` when the list is no longer shown.
    pub async fn assistant_rules(
        &self,
        list_id: u64,
        position: usize,
    ) -> Result<Option<Vec<Finding>>> {
        let Some(shown) = self.shown(list_id) else {
            return Ok(None);
        };
        let rules = self.compiled(&shown).await?;
        run_blocking(move || {
            let Some(assistant) = shown.list.assistant(position) else {
                return Ok(None);
            };
            let invalid = shown.invalid_zones.lock().unwrap().clone();
            Ok(Some(
                rules.check(&assistant, &|zone| !invalid.contains(zone)),
            ))
        })
        .await
    }

    /// Each assistant's findings for the positions of an export, in that order.
    pub(super) async fn findings_at(
        &self,
        shown: &Arc<Shown>,
        positions: &[u32],
    ) -> Result<Vec<Vec<Finding>>> {
        let rules = self.compiled(shown).await?;
        let shown = Arc::clone(shown);
        let positions = positions.to_vec();
        run_blocking(move || {
            let invalid = shown.invalid_zones.lock().unwrap().clone();
            Ok(positions
                .iter()
                .map(|&p| {
                    let assistant = shown.list.assistant(p as usize).unwrap_or_default();
                    rules.check(&assistant, &|zone| !invalid.contains(zone))
                })
                .collect())
        })
        .await
    }

    /// For each assistant `changes` found changed, the rules its new version fails and its
    /// earlier one passed: content rules only (a time zone's validity is the page's, and the
    /// clock plays no part), so an edit that breaks a rule is called out.
    pub(super) async fn newly_failing(
        &self,
        shown: &Arc<Shown>,
        changes: &Changes,
    ) -> Result<HashMap<String, Vec<String>>> {
        if changes.changed.is_empty() {
            return Ok(HashMap::new());
        }
        let rules = self.compiled(shown).await?;
        let versions: Vec<(String, [u8; 32], [u8; 32])> = changes
            .changed
            .iter()
            .map(|c| (c.key.clone(), c.before, c.after))
            .collect();
        self.memory
            .with(move |store| {
                let failing = |item: &str| -> HashSet<String> {
                    let assistant = roster_core::assistant_of(item).unwrap_or_default();
                    rules
                        .check(&assistant, &|_| true)
                        .into_iter()
                        .filter(|f| f.verdict == Verdict::Fail)
                        .map(|f| f.rule.into_owned())
                        .collect()
                };
                let mut found = HashMap::new();
                for (key, old, new) in &versions {
                    let before = failing(&store.item(old)?);
                    let mut now: Vec<String> = failing(&store.item(new)?)
                        .into_iter()
                        .filter(|rule| !before.contains(rule))
                        .collect();
                    if !now.is_empty() {
                        now.sort();
                        found.insert(key.clone(), now);
                    }
                }
                Ok(found)
            })
            .await
    }

    /// The rules of the shown list's account, compiled with its languages lookup.
    pub(super) async fn compiled(&self, shown: &Arc<Shown>) -> Result<Arc<Rules>> {
        let settings = self.rule_settings(shown).await?;
        Ok(self.compile(shown, &settings).await)
    }

    /// `settings` compiled with the languages lookup of the shown list's account.
    async fn compile(&self, shown: &Shown, settings: &RuleSettings) -> Arc<Rules> {
        let languages = self.known_languages(shown).await;
        Arc::new(Rules::new(settings, &languages))
    }

    /// The languages lookup of the shown list's account if the session already has it: rules
    /// never wait for the network (offline, the language rule says "cannot check").
    async fn known_languages(&self, shown: &Shown) -> Vec<(String, String)> {
        if shown.account.sample {
            return self
                .lookups()
                .await
                .map(|l| l.languages)
                .unwrap_or_default();
        }
        let known = self.lookups.lock().await;
        known
            .get(&shown.account.id)
            .map(|l| l.languages.clone())
            .unwrap_or_default()
    }

    pub(super) async fn rule_settings(&self, shown: &Shown) -> Result<RuleSettings> {
        if !shown.remembered() {
            let passing = self.session_rules.lock().unwrap();
            return Ok(passing.get(&shown.account.id).cloned().unwrap_or_default());
        }
        let account = shown.account.id.clone();
        self.memory
            .with(move |store| store.rule_settings(&account))
            .await
    }

    async fn list_rules_with(
        &self,
        shown: Arc<Shown>,
        settings: RuleSettings,
    ) -> Result<ListRules> {
        let languages = self.known_languages(&shown).await;
        let rules = Rules::new(&settings, &languages);
        let list_id = shown.id;
        let kept = shown.remembered();
        run_blocking(move || {
            let invalid_zones: HashSet<String> = shown.invalid_zones.lock().unwrap().clone();
            let run_with = |found: &Found| {
                found.settings == settings
                    && found.languages == languages
                    && found.invalid_zones == invalid_zones
            };
            let (known, earlier) = {
                let verdicts = shown.verdicts.lock().unwrap();
                let known = verdicts.found.clone().filter(|found| run_with(found));
                let earlier = match known {
                    Some(_) => None,
                    None => verdicts
                        .earlier
                        .as_ref()
                        .filter(|(found, _)| run_with(found))
                        .cloned(),
                };
                (known, earlier)
            };
            // Run on this list with the same rules already: nothing to check again. Else the
            // assistants found in the list this one refreshed keep their verdicts, and the others
            // are checked.
            let found = match known {
                Some(found) => found,
                None => {
                    let at = |position: usize| {
                        let (found, same) = earlier.as_ref()?;
                        let from = (*same.get(position)?)?;
                        Some(&found.verdicts[from as usize])
                    };
                    let unknown: Vec<u32> = (0..shown.list.len())
                        .filter(|&position| at(position).is_none())
                        .map(|position| position as u32)
                        .collect();
                    let zone_valid = |zone: &str| !invalid_zones.contains(zone);
                    let mut checked = shown
                        .list
                        .verdicts_at(&rules, &zone_valid, &unknown)
                        .into_iter();
                    let verdicts = (0..shown.list.len())
                        .map(|position| match at(position) {
                            Some(verdicts) => verdicts.clone(),
                            None => checked.next().expect("checked above"),
                        })
                        .collect();
                    let found = Arc::new(Found {
                        settings: settings.clone(),
                        languages,
                        invalid_zones,
                        verdicts,
                    });
                    shown.verdicts.lock().unwrap().found = Some(Arc::clone(&found));
                    found
                }
            };
            let names = rules.keys();
            let mut failed = vec![0u32; names.len()];
            let mut unchecked = vec![0u32; names.len()];
            let fails = found
                .verdicts
                .iter()
                .map(|found| {
                    let mut fails = Vec::new();
                    for (index, verdict) in found.iter().enumerate() {
                        match verdict {
                            Verdict::Fail => {
                                failed[index] += 1;
                                fails.push(index as u8);
                            }
                            Verdict::CannotCheck => unchecked[index] += 1,
                            Verdict::Pass => {}
                        }
                    }
                    fails
                })
                .collect();
            Ok(ListRules {
                list_id,
                settings,
                kept,
                rules: names,
                fails,
                failed,
                unchecked,
            })
        })
        .await
    }
}
