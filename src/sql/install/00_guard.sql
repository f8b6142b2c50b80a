-- complaint extension install script (generated from src/sql/install/*.sql; do not edit the generated file)

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION complaint" to load this file. \quit
