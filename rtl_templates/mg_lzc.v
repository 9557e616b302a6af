// mg_lzc: leading-zero count.  count_o = number of zeros above the highest
// set bit of in_i (Width when in_i is 0).  A balanced tree would be smaller
// for wide inputs; this priority form keeps the template short.
`default_nettype none

module mg_lzc #(
  parameter integer Width      = 16,
  parameter integer CountWidth = 5  // 2^CountWidth > Width
) (
  input  wire [Width-1:0]      in_i,
  output wire [CountWidth-1:0] count_o,
  output wire                  zero_o
);
  localparam [31:0] WidthVec = Width;

  reg [CountWidth-1:0] count;
  reg [CountWidth-1:0] position;  // zeros above bit i, i.e. Width-1-i
  integer i;

  // Scan from the least significant bit up: the highest set bit wins.
  always @* begin
    count    = WidthVec[CountWidth-1:0];
    position = WidthVec[CountWidth-1:0] - {{(CountWidth-1){1'b0}}, 1'b1};
    for (i = 0; i < Width; i = i + 1) begin
      if (in_i[i]) count = position;
      position = position - {{(CountWidth-1){1'b0}}, 1'b1};
    end
  end

  assign count_o = count;
  assign zero_o  = ~|in_i;
endmodule

`default_nettype wire
