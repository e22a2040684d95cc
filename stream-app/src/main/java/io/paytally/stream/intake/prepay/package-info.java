/**
 * WeChat prepay: places a payment order at WeChat Pay (Native or JSAPI) through the
 * official SDK and turns its refusals and outages into the intake's errors.
 */
package io.paytally.stream.intake.prepay;
