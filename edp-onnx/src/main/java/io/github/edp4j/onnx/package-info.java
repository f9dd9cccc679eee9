/**
 * The ONNX Runtime acting backend of EDP4J: {@link io.github.edp4j.onnx.OnnxPolicy} runs a policy exported by
 * {@link io.github.edp4j.algos.PolicyExport} with the libtorch {@link io.github.edp4j.algos.Policy}'s API and contract.
 */
package io.github.edp4j.onnx;
