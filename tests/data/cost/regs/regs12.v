// Twelve flip-flops and no logic: a register bank with asynchronous
// active-low reset (4 bits), synchronous reset (4 bits) and enable (4 bits).
`default_nettype none
module regs12 (
    input  wire       clk_i,
    input  wire       rst_ni,
    input  wire       en_i,
    input  wire [3:0] d_i,
    output reg  [3:0] async_q_o,
    output reg  [3:0] sync_q_o,
    output reg  [3:0] en_q_o
);
    always @(posedge clk_i or negedge rst_ni)
        if (!rst_ni) async_q_o <= 4'd0;
        else async_q_o <= d_i;
    always @(posedge clk_i)
        if (!rst_ni) sync_q_o <= 4'd0;
        else sync_q_o <= d_i;
    always @(posedge clk_i)
        if (en_i) en_q_o <= d_i;
endmodule
`default_nettype wire
