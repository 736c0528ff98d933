//! The pages, one module per kind of page; each adds its methods to the
//! [`Renderer`](crate::render::renderer::Renderer) and writes through it.

pub mod board;
pub mod catalogue;
pub mod feeds;
pub mod files;
pub mod guide;
pub mod lists;
pub mod notice;
pub mod print;
pub mod redirects;
pub mod search;
pub mod terms;
