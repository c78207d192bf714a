/** The file-based audit log: implementation only, nothing exported. */
package ai.aragora.audit;
