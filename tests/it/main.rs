//! Integration tests: the real `gongkai` binary on fixture sites, asserting on the files it
//! writes and the exit codes and messages it gives.

mod architecture;
mod attachments;
mod build;
mod commands;
mod data;
mod errors;
mod feeds;
mod guide;
mod hardening;
mod holidays;
mod identity;
mod incremental;
mod lifecycle;
pub mod live;
mod privacy;
mod props;
mod readers;
mod real;
mod safety;
mod serve_safety;
mod snapshots;
mod support;
mod tables;
mod workbooks;
mod yaml_subset;
