package ai.aragora.rest.debates;

/** One invalid field of a request, as the 400 answer lists it. */
record FieldError(String field, String message) {
}
