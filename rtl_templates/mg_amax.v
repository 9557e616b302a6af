// mg_amax: amax = max |x_i| of Count FP32 values (their magnitude bits
// x[30:0], which order as unsigned integers), as a balanced tree (depth
// log2(Count)): node 0 is the root, nodes Count-1 .. 2*Count-2 the leaves,
// node i = max(node 2i+1, node 2i+2).  Count is a power of two.  Every bit
// is assigned on each pass (leaves first), so this is no latch.  The sign
// bits are the caller's.
`default_nettype none

module mg_amax #(
  parameter integer Count = 8
) (
  input  wire [Count*32-1:0] x_i,    // FP32 value i at [i*32 +: 32]
  output wire [30:0]         amax_o
);
  localparam integer Width = 31;
  reg [Width*(2*Count-1)-1:0] node;
  integer i;
  always @* begin
    for (i = 0; i < Count; i = i + 1)
      node[(Count-1+i)*Width +: Width] = x_i[i*32 +: Width];
    for (i = Count-2; i >= 0; i = i - 1)
      node[i*Width +: Width] = (node[(2*i+1)*Width +: Width] > node[(2*i+2)*Width +: Width])
                               ? node[(2*i+1)*Width +: Width] : node[(2*i+2)*Width +: Width];
  end
  assign amax_o = node[Width-1:0];
endmodule

`default_nettype wire
