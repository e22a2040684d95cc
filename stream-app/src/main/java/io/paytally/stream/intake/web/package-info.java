/**
 * The intake's web API: {@code POST /payments} and {@code GET
 * /payments/{merchantOrderNo}}, their JSON bodies, and the mapping of every intake error
 * to an HTTP status and error body.
 */
package io.paytally.stream.intake.web;
