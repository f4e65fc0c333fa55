//! ECS tasks: run with a task role, keyed by a task id minted like AWS's (32 hex digits).

use std::collections::BTreeSet;

use super::services::EcsTask;
use super::{World, WorldError};
use crate::sim::ids::{AccountId, EcsTaskId, RoleId};

impl World {
    /// Adds (runs) an ECS task with an optional task role; its id comes from the world's
    /// generator, so the same seed gives the same task ids.
    pub fn create_ecs_task(
        &mut self,
        account: &AccountId,
        region: &str,
        family: &str,
        task_role: Option<&RoleId>,
    ) -> Result<EcsTaskId, WorldError> {
        self.require_account(account)?;
        let task_id = self.id_gen.ecs_task_id();
        self.ecs_tasks.push(EcsTask {
            task_id: task_id.clone(),
            family: family.to_string(),
            account: account.clone(),
            region: region.to_string(),
            task_role: task_role.cloned(),
        });
        Ok(task_id)
    }

    /// The task with this id.
    pub fn ecs_task(&self, id: &EcsTaskId) -> Option<&EcsTask> {
        self.ecs_tasks.iter().find(|t| &t.task_id == id)
    }

    /// The task with this id, to change.
    pub fn ecs_task_mut(&mut self, id: &EcsTaskId) -> Option<&mut EcsTask> {
        self.ecs_tasks.iter_mut().find(|t| &t.task_id == id)
    }

    /// StopTask: the task is gone; the other tasks keep their ids.
    pub fn stop_ecs_task(&mut self, id: &EcsTaskId) -> Result<(), WorldError> {
        let before = self.ecs_tasks.len();
        self.ecs_tasks.retain(|t| &t.task_id != id);
        if self.ecs_tasks.len() == before {
            return Err(WorldError::InvalidParameterException {
                message: "The referenced task was not found.".into(),
            });
        }
        Ok(())
    }

    /// Gives every task without an id (saved before tasks had ids) or with an id an earlier
    /// task already holds (a hand-edited file) a fresh one from the generator, in list order,
    /// so loading the same file always gives the same ids. Returns the positions and new ids
    /// of the tasks it changed, for the document to move what it keyed by position.
    pub fn assign_missing_task_ids(&mut self) -> Vec<(usize, EcsTaskId)> {
        let mut seen: BTreeSet<EcsTaskId> = BTreeSet::new();
        let mut changed = Vec::new();
        for (i, task) in self.ecs_tasks.iter_mut().enumerate() {
            if task.task_id.as_str().is_empty() || seen.contains(&task.task_id) {
                task.task_id = self.id_gen.ecs_task_id();
                changed.push((i, task.task_id.clone()));
            }
            seen.insert(task.task_id.clone());
        }
        changed
    }
}
